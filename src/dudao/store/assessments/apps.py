"""The Django application holding assessments: self-check and review scores, by version."""

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "dudao.store.assessments"
    label = "assessments"  # its own migrations, apart from the store app's
    verbose_name = "dudao assessments"
    default_auto_field = "django.db.models.BigAutoField"

"""The Django application that holds the system of record."""

from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "dudao.store"
    label = "store"
    verbose_name = "dudao store"
    default_auto_field = "django.db.models.BigAutoField"

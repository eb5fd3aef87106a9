"""`python -m dudao` runs the command line."""

from dudao.cli.main import app

app()

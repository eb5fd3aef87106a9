"""dudao (督导): education accountability for Chinese local government.

The package layout is the pipeline: catalogue -> ingest -> store -> compute
-> assess -> report, with demo (the seed city), web and cli around it.
"""

__version__ = "0.1.0"

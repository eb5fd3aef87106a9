"""The command line: thin commands over the pipeline's packages."""

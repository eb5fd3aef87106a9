"""Report writers, one per format, registered by extension (docx, html, pdf)."""

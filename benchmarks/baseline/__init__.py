"""The baseline of benchmarks/http_side_by_side.py: a bare Django project with one view that
reads 12 rows and renders a template (the TechEmpower "fortunes" shape)."""

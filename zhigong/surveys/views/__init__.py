"""The surveys app's pages: the workbench's (``staff``), the respondents' (``answer``)."""

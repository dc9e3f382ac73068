"""The spreadsheet kit: every .xlsx and .csv the platform reads, and every .xlsx it writes.

An app's ``importing/`` declares its columns (``Column``, ``ColumnSet``), checks its rows and
writes them; everything else is here (see ``docs/spreadsheets.md``):

- ``reading``: open an upload (refusing sheet bombs first), find each sheet's header, stream
  its data rows, typed or as text;
- ``columns``: the columns an app declares and how headers people write are matched;
- ``cells``: typed cells and the text read from them; numbers where text is expected;
- ``rows``: footers, blank rows and serial-only rows;
- ``limits`` and ``inspection``: how large a file may be, checked before it is read;
- ``csvfiles``: CSV in the encodings Chinese Excel and WPS save;
- ``errors``: ``RowError``, ``describe`` and the ``UnreadableSheet`` domain error;
- ``report``: the error report (.xlsx) of an import;
- ``templates``: blank import templates;
- ``writing``: the one safe way to write an .xlsx (strings stay text).
"""

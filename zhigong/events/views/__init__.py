"""The events app's pages: the member's (``portal``), the workbench's (``staff``) and the
door's (``door``: check-in, the attendance list's export, the counselling record)."""

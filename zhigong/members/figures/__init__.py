"""Member figures: what each member counts towards (``counting``, on the figures kit of
``zhigong.unions.figures``) and how people see them (``tables``: labels, tables, charts)."""

"""``makemessages`` that also reads the Jinja2 templates (``*.jinja``, zhigong/core/jinja.py).

Django's command reads templates with its own template lexer, which does not know Jinja's
calls (``_("…", n=…)``, ``ngettext(…)``). Here a ``.jinja`` file's messages are found by
Jinja's own parser (``Environment.extract_translations``) and handed to xgettext as the
Python calls they are, one per line where they stand; everything else is Django's command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.commands import makemessages
from django.template import engines


class BuildFile(makemessages.BuildFile):
    def preprocess(self) -> None:
        if not self.path.endswith(".jinja"):
            super().preprocess()
            return
        source = Path(self.path).read_text(encoding="utf-8")
        environment: Any = engines["jinja2"].env  # type: ignore[attr-defined]
        lines = [""] * (source.count("\n") + 1)
        for lineno, function, message in environment.extract_translations(
            source, gettext_functions=("_", "gettext", "ngettext")
        ):
            texts = message if isinstance(message, tuple) else (message,)
            if all(isinstance(t, str) for t in texts[: 2 if function == "ngettext" else 1]):
                args = ", ".join(repr(t) for t in texts[: 2 if function == "ngettext" else 1])
                call = f"ngettext({args}, n)" if function == "ngettext" else f"gettext({args})"
                lines[lineno - 1] += call + "; "
        Path(self.work_path).write_text("\n".join(lines), encoding="utf-8")


class Command(makemessages.Command):
    build_file_class = BuildFile

    def handle(self, *args: Any, **options: Any) -> None:
        options["extensions"] = [*(options.get("extensions") or ["html", "txt", "py"]), "jinja"]
        super().handle(*args, **options)

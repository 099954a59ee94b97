"""Problem messages that are translated when shown, not when the file is read.

The admin may show a rejected file's problems on a later request, in the editor's language
then; `gettext_lazy("…") % params` would translate at once, so the parameters are kept
beside the lazy message and applied when it is rendered.
"""

from django.utils.functional import Promise, lazy


def _render(message: str | Promise, params: dict) -> str:
    return str(message) % params if params else str(message)


_lazy_render = lazy(_render, str)


def problem(message: str | Promise, **params) -> Promise:
    """*message* (a gettext_lazy msgid) with *params* filled in, in the active language."""
    return _lazy_render(message, params)

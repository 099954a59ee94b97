"""The words an editor reads about a rejected file, the same in the admin and the terminal."""

from django.utils.translation import gettext as _

from products.importing.rows import ImportProblem


def where(problem: ImportProblem) -> str:
    """ "Dòng 3, cột sector" / "Row 3, column sector"; "" for the whole file."""
    if problem.line is None:
        return _("Cột %(column)s") % {"column": problem.column} if problem.column else ""
    if problem.column:
        return _("Dòng %(line)d, cột %(column)s") % {"line": problem.line, "column": problem.column}
    return _("Dòng %(line)d") % {"line": problem.line}


def problem_line(problem: ImportProblem) -> str:
    parts = [where(problem)] if where(problem) else []
    if problem.value:
        parts.append(f"“{problem.value}”")
    text = ": ".join([", ".join(parts), str(problem.message)]) if parts else str(problem.message)
    if problem.suggestion:
        text += " " + _("Có phải là “%(suggestion)s”?") % {"suggestion": problem.suggestion}
    return text


def problem_lines(problems: list[ImportProblem]) -> list[str]:
    return [problem_line(problem) for problem in problems]

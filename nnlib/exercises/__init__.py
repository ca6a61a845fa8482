"""Expected answers of the book's exercises, one module per chapter.

Each module defines ``EXERCISES: dict[label, check]`` where ``check(answer)`` returns a
:class:`nnlib.checks.CheckResult`; :func:`nnlib.checks.check` finds them by label.
"""

"""The Plural-Forms header, checked as msgfmt checks it: parsed and evaluated within limits."""

from __future__ import annotations

import re
from collections.abc import Callable

# ---------------------------------------------------------------- Plural-Forms

_PLURAL_TOKEN_RE = re.compile(r"\s*(?:(\d+)|(n)\b|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")
_MASK = (1 << 64) - 1  # gettext evaluates in unsigned long
_MAX_PLURAL_LENGTH = 1000
_MAX_PLURAL_DEPTH = 40

_Eval = Callable[[int], int]


def plural_forms_problem(value: str) -> str | None:
    """What msgfmt -c would reject in a Plural-Forms value, or None when it is sound: an
    nplurals that is not a positive number, a plural expression that does not parse, can
    divide by zero or give an index of nplurals or more (checked for n = 0..1000)."""
    nplurals_m = re.search(r"nplurals\s*=\s*([^;]*)", value)
    plural_m = re.search(r"plural\s*=\s*([^;]*)", value.replace("nplurals", "nPLURALS"))
    if nplurals_m is None and plural_m is None:
        return None
    nplurals = 0
    if nplurals_m is not None:
        text = nplurals_m.group(1).strip()
        if not text.isdigit() or int(text) < 1:
            return f"nplurals must be a whole number of 1 or more, not {text!r}"
        nplurals = int(text)
    if plural_m is None:
        return None
    expr = plural_m.group(1).strip()
    if len(expr) > _MAX_PLURAL_LENGTH:
        return "the plural expression is too long"
    try:
        fn = _PluralParser(expr).parse()
    except ValueError as exc:
        return f"the plural expression {expr!r} does not parse: {exc}"
    largest = 0
    for n in range(1001):
        try:
            largest = max(largest, fn(n))
        except ZeroDivisionError:
            return f"the plural expression {expr!r} divides by zero (n = {n})"
    if nplurals and largest >= nplurals:
        return f"the plural expression gives {largest} but nplurals is {nplurals}"
    return None


class _PluralParser:
    """C's expression grammar as gettext's plural formulas use it, compiled to a function."""

    def __init__(self, text: str) -> None:
        self.tokens: list[str] = []
        pos = 0
        text = text.rstrip()
        while pos < len(text):
            m = _PLURAL_TOKEN_RE.match(text, pos)
            if m is None or m.end() == pos:
                raise ValueError(f"unexpected {text[pos:].strip()[:10]!r}")
            self.tokens.append(m.group(m.lastindex or 0))
            pos = m.end()
        self.pos = 0
        self.depth = 0

    def parse(self) -> _Eval:
        fn = self.conditional()
        if self.pos != len(self.tokens):
            raise ValueError(f"unexpected {self.tokens[self.pos]!r}")
        return fn

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, token: str) -> None:
        if self.peek() != token:
            raise ValueError(f"expected {token!r}")
        self.pos += 1

    def conditional(self) -> _Eval:
        self.depth += 1
        if self.depth > _MAX_PLURAL_DEPTH:
            raise ValueError("nested too deeply")
        cond = self.binary(0)
        if self.peek() == "?":
            self.pos += 1
            yes = self.conditional()
            self.take(":")
            no = self.conditional()
            self.depth -= 1
            return lambda n: yes(n) if cond(n) else no(n)
        self.depth -= 1
        return cond

    _LEVELS: tuple[tuple[str, ...], ...] = (
        ("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"),
    )

    def binary(self, level: int) -> _Eval:
        if level == len(self._LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in self._LEVELS[level]:
            op = self.tokens[self.pos]
            self.pos += 1
            left = _apply(op, left, self.binary(level + 1))
        return left

    def unary(self) -> _Eval:
        token = self.peek()
        if token == "!":
            self.pos += 1
            self.depth += 1
            if self.depth > _MAX_PLURAL_DEPTH:
                raise ValueError("nested too deeply")
            inner = self.unary()
            self.depth -= 1
            return lambda n: int(not inner(n))
        if token == "(":
            self.pos += 1
            inner = self.conditional()
            self.take(")")
            return inner
        if token == "n":
            self.pos += 1
            return lambda n: n
        if token is not None and token.isdigit():
            self.pos += 1
            number = int(token) & _MASK
            return lambda n: number
        raise ValueError("expected n, a number or '('" if token is None else
                         f"unexpected {token!r}")


def _apply(op: str, a: _Eval, b: _Eval) -> _Eval:
    if op == "||":
        return lambda n: int(bool(a(n)) or bool(b(n)))
    if op == "&&":
        return lambda n: int(bool(a(n)) and bool(b(n)))
    ops: dict[str, Callable[[int, int], int]] = {
        "==": lambda x, y: int(x == y), "!=": lambda x, y: int(x != y),
        "<": lambda x, y: int(x < y), ">": lambda x, y: int(x > y),
        "<=": lambda x, y: int(x <= y), ">=": lambda x, y: int(x >= y),
        "+": lambda x, y: (x + y) & _MASK, "-": lambda x, y: (x - y) & _MASK,
        "*": lambda x, y: (x * y) & _MASK, "/": lambda x, y: x // y, "%": lambda x, y: x % y,
    }
    fn = ops[op]
    return lambda n: fn(a(n), b(n))



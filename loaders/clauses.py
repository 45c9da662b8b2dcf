"""Responsibility clauses: the parenthesised note after a task that says who does it.

    （牵头单位：A、B，配合单位：C）      （X牵头，Y配合）   （X牵头，Y按职责分工配合）
    （责任单位：A、B，C，各市人民政府）  （A、B负责）       （X指导）  （X牵头，Y参与）
    （A、B等负责。列第一位者为牵头单位，下同）   （X、Y负责，排在第一位的部门为牵头部门，下同）

Full- and half-width brackets and punctuation both count. A clause is read into the bodies
it lists, each with its duty (the clause's own word: 牵头, 配合, 负责, 责任单位, 指导, 参与)
and its offsets in the text. `roles` turns duties into lead and partner:

- 牵头 leads; 配合 and 参与 are partners;
- 负责 and 责任单位 list the bodies responsible without saying who leads: all of them are
  leads (co-leads), unless a standing rule ("排在第一位的部门为牵头部门，下同") is in force,
  stated in this clause or an earlier one of the plan: then the first listed leads and the
  others are partners;
- 指导 leads when the clause names no other lead (（X指导）), else X is a partner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE = "（(", "）)"
# A bracketed note, allowing one level of brackets inside (各区（县级市）政府).
CLAUSE_RE = re.compile(r"[（(]((?:[^（()）]|[（(][^（()）]*[）)])+)[）)]")
LABEL_RE = re.compile(r"^(牵头单位|责任单位|配合单位|参与单位|协办单位|指导单位)\s*[：:]\s*(.*)$")
VERB_RE = re.compile(
    r"^(.+?)(?:按职责分工|按职责|分别|共同)?(牵头负责|牵头|配合|参与|负责落实|负责|指导)(?:落实|实施)?$"
)
STANDING_RE = re.compile(r"(第一位|排名第一|排在首位|第一个).{0,6}(牵头)")
TRAILING = ("等有关部门", "等相关部门", "等部门", "等单位", "有关部门", "等")
LABEL_DUTY = {
    "牵头单位": "牵头",
    "责任单位": "责任单位",
    "配合单位": "配合",
    "参与单位": "参与",
    "协办单位": "配合",
    "指导单位": "指导",
}
VERB_DUTY = {"牵头负责": "牵头", "负责落实": "负责"}


@dataclass(frozen=True)
class Listed:
    name: str
    start: int
    end: int
    duty: str


@dataclass(frozen=True)
class Clause:
    start: int  # the brackets included
    end: int
    bodies: tuple[Listed, ...]
    standing_rule: bool  # the clause states "first listed leads, 下同"

    def roles(self, rule_in_force: bool) -> list[tuple[Listed, str]]:
        """(body, lead|partner) for each body, by the rules in the module's docstring."""
        duties = {b.duty for b in self.bodies}
        out: list[tuple[Listed, str]] = []
        first_responsible = True
        for body in self.bodies:
            if body.duty == "牵头":
                role = "lead"
            elif body.duty in ("配合", "参与"):
                role = "partner"
            elif body.duty == "指导":
                role = "partner" if duties & {"牵头", "负责", "责任单位"} else "lead"
            elif rule_in_force or self.standing_rule:
                role = "lead" if first_responsible and "牵头" not in duties else "partner"
                first_responsible = False
            else:
                role = "partner" if "牵头" in duties else "lead"
            out.append((body, role))
        return out


def _split(text: str, start: int, end: int, seps: str) -> list[tuple[int, int]]:
    """Pieces of text[start:end] between separators at bracket depth 0."""
    pieces, depth, at = [], 0, start
    for i in range(start, end):
        ch = text[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth -= 1
        elif depth == 0 and ch in seps:
            pieces.append((at, i))
            at = i + 1
    pieces.append((at, end))
    return pieces


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \u3000":
        start += 1
    while end > start and text[end - 1] in " \u3000":
        end -= 1
    changed = True
    while changed:
        changed = False
        for tail in TRAILING:
            if text.endswith(tail, start, end) and end - len(tail) > start:
                end -= len(tail)
                changed = True
    return start, end


def _listed(text: str, start: int, end: int, duty: str) -> list[Listed]:
    out = []
    for a, b in _split(text, start, end, "、/"):
        a, b = _strip(text, a, b)
        if b - a >= 2:
            out.append(Listed(text[a:b], a, b, duty))
    return out


def read_clause(text: str, start: int, end: int) -> Clause | None:
    """The clause in text[start:end] (its brackets included), or None if it is not one."""
    inner_start, inner_end = start + 1, end - 1
    bodies: list[Listed] = []
    standing = False
    label: str | None = None
    for a, b in _split(text, inner_start, inner_end, "，,；;。"):
        a, b = _strip(text, a, b)
        segment = text[a:b]
        if not segment:
            continue
        if STANDING_RE.search(segment) or segment == "下同":
            standing = standing or bool(STANDING_RE.search(segment))
            continue
        if m := LABEL_RE.match(segment):
            label = LABEL_DUTY[m.group(1)]
            bodies += _listed(text, a + m.start(2), b, label)
        elif m := VERB_RE.match(segment):
            verb = m.group(2)
            bodies += _listed(text, a, a + m.end(1), VERB_DUTY.get(verb, verb))
            label = None
        elif label:  # 责任单位：A，B，各市人民政府 — the label goes on
            bodies += _listed(text, a, b, label)
    if not bodies:
        return None
    return Clause(start, end, tuple(bodies), standing)


def find_clauses(text: str, start: int = 0, end: int | None = None) -> list[Clause]:
    """Every responsibility clause in text[start:end], in order."""
    end = len(text) if end is None else end
    out = []
    for m in CLAUSE_RE.finditer(text, start, end):
        clause = read_clause(text, m.start(), m.end())
        if clause:
            out.append(clause)
    return out

"""Responsibility clauses: the note after a task that says who does it.

    （牵头单位：A、B，配合单位：C）      （X牵头，Y配合）   （X牵头，Y按职责分工配合）
    （责任单位：A、B，C，各市人民政府）  （A、B负责）       （X指导）  （X牵头，Y参与）
    （A、B等负责。列第一位者为牵头单位，下同）   （X、Y负责，排在第一位的部门为牵头部门，下同）
    （6月底完成，牵头考核单位：A、B）   【牵头单位：A】   〔X会同Y负责〕
    牵头单位：A                       （a line of its own after the task, bracketed or not）
    配合单位：B、C
    ……。由市发改委牵头，市财政局配合。  （the task's last sentence, every name a body's）

Full- and half-width brackets and punctuation both count, and 【】〔〕［］ as well as （）();
a body's name may hold brackets of its own (中国（安徽）自由贸易试验区, 各区（县级市）政府).

Reading is in two steps, as a tagger finds candidates and then chooses among them:
`candidates` gives every bracketed note and every line that opens with a role label, each
read into the bodies it lists and scored (0-1) by how much it looks like a clause (a role
label, a role verb, bodies whose names end like bodies: 部, 委, 厅, 局, 政府, 单位 …);
`find_clauses` keeps those that score at least `THRESHOLD`. Each body has its duty (the
clause's own word: 牵头, 配合, 负责, 责任单位, 指导, 参与 …) and its offsets in the text.
`roles` turns duties into lead and partner:

- 牵头 (and 牵头单位, 牵头考核单位, X会同Y's X) leads; 配合, 参与, 协同, 协助 (and Y) are partners;
- 负责 and 责任单位 list the bodies responsible without saying who leads: all of them are
  leads (co-leads), unless a standing rule ("排在第一位的部门为牵头部门，下同") is in force,
  stated in this clause, an earlier one, or a note of the plan: then the first listed leads
  and the others are partners;
- 指导 leads unless the clause names a body that 牵头s (then the guide is a partner):
  （X、Y指导） has two leads, and so has （X指导，Y负责落实）.

Roles written in place of bodies are kept as written (各有关部门, 专项工作组成员单位,
各专项牵头单位); only a trailing 等 (等有关部门, 等单位) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE = "（(【〔［[", "）)】〕］]"
MAX_NOTE = 400  # characters inside one bracketed note, at most
THRESHOLD = 0.5  # the score a candidate needs to be taken as a clause

# A role label: 牵头单位：, 责任部门：, 牵头考核单位：, 配合单位为 …
UNIT = r"(?:单位|部门|处室|科室)"
LABELS = (
    r"(牵头考核单位|考核单位|(?:主要)?牵头UNIT|责任(?:单位|部门|处室|科室|主体)|主责UNIT"
    r"|实施(?:单位|主体)|落实UNIT|配合UNIT|参与UNIT|主办UNIT|协办UNIT|协同UNIT|指导UNIT)"
).replace("UNIT", UNIT)
LABEL_RE = re.compile(LABELS + r"\s*(?:[：:]|为)\s*(.*)$")
LINE_LABEL_RE = re.compile(LABELS + r"\s*[：:]")  # a line of its own: 责任单位为… is prose
# A label that starts a clause after a sentence (。责任单位：…) or after a space on a line
# that holds several (牵头单位：A  配合单位：B).
LABEL_AFTER_RE = re.compile(r"(?:[。；;]|[ \u3000\t])[ \u3000\t]*(?=" + LABELS + r"\s*[：:])")
# A body said to hold a role: 其中A为牵头单位, B作为配合部门.
ROLE_IS_RE = re.compile(
    r"(?:其中)?(.+?)(?:为|是|作为)(主要牵头|牵头|责任|配合|参与|指导)(?:单位|部门)$"
)
# The rest of a first-listed rule (其他为配合单位, 其余单位为配合部门).
OTHERS_RE = re.compile(r"(?:其他|其它|其余|其他的|其余的)[^，,。；;]{0,4}(?:为|是)")
# Any other label (完成时限：, 时间节点：): it ends a label's list.
OTHER_LABEL_RE = re.compile(r"[^：:，,、]{2,8}[：:]")
VERB_RE = re.compile(
    r"(.+?)(?:按职责分工|按照职责分工|按职责|分别|共同|等)?"
    r"(牵头负责|负责牵头|牵头|配合|参与|协同|协助|负责落实|负责|指导|组织实施|落实)"
    r"(?:落实|实施|推进)?$"
)
STANDING_RE = re.compile(
    r"(第一位|首位|第一个|第一家|排名第一|排序第一|排第一|列第一)[^，,。；;]{0,8}?(为|是)?(主要)?牵头"
)
TRAILING_NOTE_RE = re.compile(
    r"[（(][^（()）]*(?:职责|分工|负责|牵头|配合|\d|年底|月底)[^（()）]*[）)]$"
)
TRAILING = ("等有关部门", "等相关部门", "等有关单位", "等相关单位", "等部门", "等单位", "等")


def _label_duty(label: str) -> str:
    if label.startswith(("牵头", "主要牵头", "主办")):
        return "牵头"
    for word, duty in (("配合", "配合"), ("参与", "参与"), ("协办", "配合"), ("协同", "协同")):
        if label.startswith(word):
            return duty
    if label.startswith("指导"):
        return "指导"
    return "责任单位"  # 责任单位, 责任部门, 主责单位, 实施主体, 考核单位 …


VERB_DUTY = {
    "牵头负责": "牵头",
    "负责牵头": "牵头",
    "负责落实": "负责",
    "落实": "负责",
    "组织实施": "负责",
}
PARTNER_DUTIES = ("配合", "参与", "协同", "协助")

# How a body's name ends (the genre's bodies and the roles written in their place).
BODY_ENDS = (
    "部", "委", "厅", "局", "办", "院", "会", "府", "署", "行", "社", "组", "室", "处", "所",
    "站", "队", "团", "馆", "中心", "公司", "单位", "部门", "机构", "企业", "高校", "学校",
    "主体", "媒体", "市", "县", "区", "省", "州", "盟", "旗", "镇", "乡", "街道", "地", "园",
    "军", "关", "人", "长", "员", "科", "股", "庭", "监", "办公室", "管委会",
)  # fmt: skip
# Words that open a phrase of prose, never a body's name (鼓励中小企业参与).
PROSE_OPENERS = (
    "鼓励", "支持", "推动", "引导", "推进", "加强", "加快", "积极", "动员", "吸引",
    "依托", "发挥", "充分", "强化", "完善", "建立", "健全", "实施", "开展", "指导", "协调",
)  # fmt: skip
# Words of a sentence, never of a body's name (以下均需试点城市政府落实).
PROSE_WORDS = ("以下", "均需", "需要", "应当", "必须", "确保", "不再", "要求")
# A deadline or a time, not a body (6月底完成, 2022年底前, 持续推进); 12345 may name one.
TIME_RE = re.compile(r"\d+\s*(?:年|月|日|季度)|[年月]底|年前|月前|季度|持续|长期|完成|时限")


@dataclass(frozen=True)
class Listed:
    name: str
    start: int
    end: int
    duty: str  # the role word, normalised: 牵头, 配合, 负责, 责任单位, 指导 …
    word: str = ""  # the clause's word as written (牵头考核单位, 负责落实, 会同 …): see _listed


@dataclass(frozen=True)
class Clause:
    start: int  # the brackets (or the line) included
    end: int
    bodies: tuple[Listed, ...]
    standing_rule: bool  # the clause states "first listed leads, 下同"
    score: float = 1.0  # how much it looks like a clause (find_clauses keeps >= THRESHOLD)

    def roles(self, rule_in_force: bool) -> list[tuple[Listed, str]]:
        """(body, lead|partner) for each body, by the rules in the module's docstring."""
        duties = {b.duty for b in self.bodies}
        out: list[tuple[Listed, str]] = []
        first_responsible = True
        for body in self.bodies:
            if body.duty == "牵头":
                role = "lead"
            elif body.duty in PARTNER_DUTIES:
                role = "partner"
            elif body.duty == "指导":
                role = "partner" if "牵头" in duties else "lead"
            elif rule_in_force or self.standing_rule:
                role = "lead" if first_responsible and "牵头" not in duties else "partner"
                first_responsible = False
            else:
                role = "partner" if "牵头" in duties else "lead"
            out.append((body, role))
        return out


def _prose(name: str) -> bool:
    return name.startswith(PROSE_OPENERS) or any(w in name for w in PROSE_WORDS)


def looks_like_body(name: str) -> bool:
    """A name that ends like a body of the genre, not a phrase of the plan's prose."""
    bare = re.sub(r"[（(][^（()）]*[）)]", "", name)
    if not bare or len(bare) > 30 or TIME_RE.search(bare) or _prose(bare):
        return False
    return bare.endswith(BODY_ENDS) or name.endswith(("）", ")"))


def _split(text: str, start: int, end: int, seps: str) -> list[tuple[int, int]]:
    """Pieces of text[start:end] between separators at bracket depth 0."""
    pieces, depth, at = [], 0, start
    for i in range(start, end):
        ch = text[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in seps:
            pieces.append((at, i))
            at = i + 1
    pieces.append((at, end))
    return pieces


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \u3000\t":
        start += 1
    while end > start and text[end - 1] in " \u3000\t":
        end -= 1
    if text.startswith(("由", "请"), start, end) and end - start > 3:  # （由市发改委负责）
        start += 1
    # A note after a name, no part of it: 各有关部门（按职责分工负责）, 市发改委（2023年底前）
    if m := TRAILING_NOTE_RE.search(text, start, end):
        if m.end() == end and m.start() - start >= 2:
            end = m.start()
    changed = True
    while changed:
        changed = False
        for tail in TRAILING:
            if text.endswith(tail, start, end) and end - len(tail) - start >= 2:
                end -= len(tail)
                changed = True
    return start, end


def _listed(text: str, start: int, end: int, duty: str, word: str | None = None) -> list[Listed]:
    """The names in text[start:end], each with its duty and the word the clause wrote it
    with (a label 牵头考核单位, a verb 负责落实, 会同; the duty itself when not given)."""
    out = []
    for a, b in _split(text, start, end, "、/和及"):
        a, b = _strip(text, a, b)
        if b - a >= 2:
            out += [Listed(text[x:y], x, y, duty, word or duty) for x, y in _spaced(text, a, b)]
    return _joined(text, out)


def _spaced(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Names a line separates with spaces only (责任单位：市发改委 市财政局), where every
    piece looks like a body; else one name (a PDF's 省发展 改革委)."""
    pieces = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    if len(pieces) > 1 and all(looks_like_body(text[a:b]) for a, b in pieces):
        return pieces
    return [(start, end)]


def _joined(text: str, listed: list[Listed]) -> list[Listed]:
    """和/及 split a list only where the name before them looks like a body (省教育厅和省财政厅),
    not inside a name (省人力资源和社会保障厅, 住房和城乡建设部): read from the right, a piece
    that does not end like a body is joined to the piece after it."""
    out: list[Listed] = []
    for item in reversed(listed):
        after = out[-1] if out else None
        if (
            after
            and text[item.end : after.start] in ("和", "及")
            and not looks_like_body(item.name)
        ):
            out[-1] = Listed(
                text[item.start : after.end], item.start, after.end, item.duty, item.word
            )
        else:
            out.append(item)
    return out[::-1]


def _verb_segment(text: str, a: int, b: int, segment: str) -> list[Listed] | None:
    """X牵头 / X、Y负责 / X会同Y负责 / X牵头、Y配合: the bodies, or None."""
    # Several verb parts joined by 、 (X牵头、Y配合): split after each verb.
    parts, at = [], a
    for m in re.finditer(r"(?:牵头|配合|参与|负责|指导|协同|协助)(?:落实|实施)?、", segment):
        parts.append((at, a + m.end() - 1))
        at = a + m.end()
    parts.append((at, b))
    out: list[Listed] = []
    for pa, pb in parts:
        m = VERB_RE.match(text, pa, pb)
        if not m or m.end() != pb:
            return None
        verb = m.group(2)
        duty = VERB_DUTY.get(verb, verb)
        body_end = m.end(1)
        together = text.find("会同", pa, body_end)
        if together > pa:  # X会同Y负责: X leads, Y is a partner, both by the word 会同
            out += _listed(text, pa, together, "牵头", "会同")
            out += _listed(text, together + 2, body_end, "配合", "会同")
        else:
            out += _listed(text, pa, body_end, duty, verb)
    out = [x for x in out if not _prose(x.name)]  # 以下均需试点城市政府落实: a sentence
    return out or None


LABEL_INSIDE_RE = re.compile(LABELS + r"\s*[：:]")


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clause's parts: between ，；。 at bracket depth 0, and before any further label
    with its colon (牵头单位：A  配合单位：B, or lines a PDF's unwrapping joined:
    牵头单位：A配合单位：B)."""
    out = []
    for a, b in _split(text, start, end, "，,；;。"):
        first = a
        for m in LABEL_INSIDE_RE.finditer(text, first, b):  # leftmost-longest: 牵头考核单位
            if m.start() > first:
                out.append((a, m.start()))
                a = m.start()
        out.append((a, b))
    return out


def read_clause(text: str, start: int, end: int, bracketed: bool = True) -> Clause | None:
    """The clause in text[start:end] (its brackets included, or a line of its own), with
    its score, or None if nothing in it reads as a list of bodies with roles."""
    inner_start, inner_end = (start + 1, end - 1) if bracketed else (start, end)
    bodies: list[Listed] = []
    standing = False
    label: str | None = None
    label_word = ""  # the label as written (牵头考核单位), the clause word of its bodies
    labelled = verbs = unread = 0  # segments read by a label, by a verb; characters not read
    for a, b in _segments(text, inner_start, inner_end):
        a, b = _strip(text, a, b)
        segment = text[a:b]
        if not segment:
            continue
        if STANDING_RE.search(segment) or segment == "下同":
            standing = standing or bool(STANDING_RE.search(segment))
            continue
        if m := LABEL_RE.match(segment):
            label, label_word = _label_duty(m.group(1)), m.group(1)
            found = [
                x
                for x in _listed(text, a + m.start(2), b, label, label_word)
                if not TIME_RE.search(x.name)
            ]
            bodies += found
            labelled += 1
        elif OTHERS_RE.match(segment):  # 其他为配合单位: the rule's other half, no body
            continue
        elif m := ROLE_IS_RE.match(segment):  # 其中A为牵头单位
            role = m.group(2).removeprefix("主要")
            bodies += _listed(
                text,
                a + m.start(1),
                a + m.end(1),
                "责任单位" if role == "责任" else role,
                segment[m.start(2) :],  # 牵头单位 of 其中A为牵头单位
            )
            labelled += 1
            label = None
        elif OTHER_LABEL_RE.match(segment):  # 完成时限：… ends the list
            label = None
        elif (found := _verb_segment(text, a, b, segment)) is not None:
            bodies += found
            verbs += 1
            label = None
        elif label and all(looks_like_body(x.name) for x in _listed(text, a, b, label)):
            bodies += _listed(text, a, b, label, label_word)  # 责任单位：A，B，…: the label goes on
        else:
            unread += b - a
    if not bodies:
        return None
    share = unread / max(inner_end - inner_start, 1)
    score = _score(bodies, labelled, share, bracketed)
    return Clause(start, end, tuple(bodies), standing, score)


def _score(bodies: list[Listed], labelled: int, unread: float, bracketed: bool) -> float:
    """How much a candidate looks like a responsibility clause: a role label is near
    certain; a role verb is as good as the names before it look like bodies; text the
    reading skipped (its share of the note), or a line of its own without a label, makes
    it less likely."""
    share = sum(looks_like_body(b.name) for b in bodies) / len(bodies)
    duties = {b.duty for b in bodies}
    if labelled:
        base = 0.95
    else:
        base = 0.8 if duties & {"牵头", "指导", *PARTNER_DUTIES} else 0.7
    score = base * (0.4 + 0.6 * share) * (1 - 0.3 * unread)
    if not bracketed and not labelled:  # a line of prose may end in 参与 too
        score *= 0.8 if not unread else 0.4
    return round(score, 3)


def _notes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Every bracketed note in text[start:end] as (start, end), its brackets included,
    outer notes before the notes inside them; brackets of any kind pair up, nested."""
    out, stack = [], []
    for i in range(start, end):
        ch = text[i]
        if ch in OPEN:
            stack.append(i)
        elif ch in CLOSE and stack:
            a = stack.pop()
            if i - a - 1 <= MAX_NOTE:
                out.append((a, i + 1))
    out.sort(key=lambda x: (x[0], -x[1]))
    return out


LINE_RE = re.compile(r"^[ \u3000\t]*(?=\S)", re.M)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines of text[start:end] that open with a role label (牵头单位：…, 责任单位：…), not
    inside brackets: a clause on a line of its own, or after the task's last sentence."""
    out = []
    for m in LINE_RE.finditer(text, start, end):
        a = m.end()
        b = text.find("\n", a, end)
        b = end if b < 0 else b
        one_sentence = "。" not in text[a:b].rstrip("。")
        if LINE_LABEL_RE.match(text, a, b) or (
            b - a <= 120 and one_sentence and VERB_RE.match(text, a, b)
        ):
            out.append((a, b))
    for m in LABEL_AFTER_RE.finditer(text, start, end):
        if text[m.start()] in "。；;":  # after the task's last sentence: to its own end
            a = m.end()
            stop = [x for x in (text.find("\n", a, end), text.find("。", a, end)) if x >= 0]
            out.append((a, min(stop) if stop else end))
    return out


SENTENCE_RE = re.compile(r"(?<=。)[ \u3000\t]*([^。\n]{2,80})(?=。|\n|$)")


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences after another that end in a role verb (…。由市发改委牵头，市财政局配合。):
    a clause written as the task's last sentence; taken only where every name in it looks
    like a body and nothing is left unread (see candidates)."""
    return [
        (m.start(1), m.end(1))
        for m in SENTENCE_RE.finditer(text, start, end)
        if VERB_RE.match(text, m.start(1), m.end(1))
    ]


def candidates(text: str, start: int = 0, end: int | None = None) -> list[Clause]:
    """Every note or line in text[start:end] that reads as a list of bodies with roles,
    scored, whether or not it is taken (find_clauses takes those that score enough)."""
    end = len(text) if end is None else end
    out: list[Clause] = []
    for a, b in _notes(text, start, end):
        clause = read_clause(text, a, b)
        if clause:
            out.append(clause)
    lines = [(a, b, False) for a, b in _lines(text, start, end)]
    for a, b, sentence in lines + [(a, b, True) for a, b in _sentences(text, start, end)]:
        while b > a and text[b - 1] in "。；; \u3000\t":
            b -= 1
        clause = read_clause(text, a, b, bracketed=False)
        if not clause or any(x.start <= a < x.end for x in out):
            continue
        if sentence and not (
            all(looks_like_body(x.name) for x in clause.bodies)
            and any(x.duty not in PARTNER_DUTIES for x in clause.bodies)  # someone leads
        ):
            continue
        out.append(clause)
    out.sort(key=lambda c: (c.start, -c.end))
    return out


def find_clauses(text: str, start: int = 0, end: int | None = None) -> list[Clause]:
    """Every responsibility clause in text[start:end], in order: the candidates that
    score at least THRESHOLD, outer notes before (and instead of) the notes inside them."""
    out: list[Clause] = []
    for clause in candidates(text, start, end):
        if clause.score < THRESHOLD:
            continue
        if out and clause.start < out[-1].end:  # inside a clause already taken
            continue
        out.append(clause)
    return out


def rule_from(text: str, start: int = 0, end: int | None = None) -> int | None:
    """Where a standing lead rule (列第一位者为牵头单位, 排在第一位的部门为牵头部门，下同)
    comes into force in text[start:end]: at the clause that states it, or, stated in a note
    of the plan outside any clause (注：…), from the plan's start; None if none is stated."""
    end = len(text) if end is None else end
    m = STANDING_RE.search(text, start, end)
    if not m:
        return None
    for clause in find_clauses(
        text, max(start, m.start() - MAX_NOTE), min(end, m.end() + MAX_NOTE)
    ):
        if clause.start <= m.start() < clause.end:
            return clause.start
    return start

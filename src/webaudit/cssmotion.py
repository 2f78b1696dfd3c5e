"""Motion in CSS: animations, their keyframes, and text-decoration: blink, read with tinycss2.

`page_css(resource)` gathers every `style` attribute and `<style>` block of an HTML page;
`sheet_css(resource)` reads a stylesheet (kind "css"). Both are cached and give Rules (a selector, its
declarations, the source line) plus the @keyframes they define. `animations(rule, keyframes)` turns a
rule's `animation` shorthand and longhands into Animations that say how long they run and whether they
blink (opacity or visibility toggling), flash (colour swings of at least 10% luminance) or move.
Rules inside `@media (prefers-reduced-motion: reduce)` are the reduced versions and are skipped.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import tinycss2  # (a light import; numpy and the flash analysis load only for colour keyframes)

from .dom import elements, lower, xpath

_STYLE_VALUES = xpath("/descendant::*/@style")  # = //@style, whose descendant-or-self::node() step is slower
_DIRECTIONS = {"normal", "reverse", "alternate", "alternate-reverse"}
_KEYWORDS = _DIRECTIONS | {
    "infinite", "none", "forwards", "backwards", "both", "running", "paused", "ease", "linear", "ease-in",
    "ease-out", "ease-in-out", "step-start", "step-end", "initial", "inherit", "unset", "revert",
}
_COLOR_PROPS = {"color", "background-color", "background", "fill", "stroke", "border-color", "outline-color"}
BLINK_OPACITY = 0.5  # an opacity swing this large reads as on/off
LONG_RUNNING_S = 5.0  # WCAG 2.2.2: moving or blinking content that lasts more than five seconds


@dataclass(frozen=True)
class Declaration:
    name: str
    value: list  # tinycss2 component values
    line: int

    @property
    def text(self) -> str:
        return f"{self.name}: {tinycss2.serialize(self.value).strip()}"


@dataclass(frozen=True)
class Rule:
    selector: str  # "" for a style attribute
    declarations: tuple[Declaration, ...]
    line: int
    element: Any = None  # the element of a style attribute or <style> block (HTML only)


@dataclass(frozen=True)
class Keyframes:
    name: str
    line: int
    blinks: bool  # opacity or visibility toggles
    flashes: bool  # a colour swing of at least 10% relative luminance, darker state below 0.80
    moves: bool  # changes anything else (transform, position, size, ...)


@dataclass
class Css:
    rules: list[Rule] = field(default_factory=list)
    keyframes: dict[str, Keyframes] = field(default_factory=dict)


@dataclass(frozen=True)
class Animation:
    name: str
    duration_s: float
    iterations: float  # math.inf for infinite
    alternate: bool
    paused: bool
    declaration: Declaration
    keyframes: Keyframes | None  # None when the page does not define them

    @property
    def period_s(self) -> float:
        """One on/off cycle: alternate animations take two iterations to come back."""
        return self.duration_s * (2 if self.alternate else 1)

    @property
    def long_running(self) -> bool:
        return self.duration_s > 0 and self.duration_s * self.iterations > LONG_RUNNING_S


# -- reading CSS ---------------------------------------------------------------------------------------
def mentions(resource, *words: str) -> bool:
    """May the CSS that css_of(resource) reads say any of `words` (lower case) in a property name or
    value? A cheap look at the raw text (cached) before parsing it: False means no declaration of
    css_of(resource) names them (`animation`, `blink`); an escape (`anim\\61tion`) always counts as maybe."""
    raw = resource.cache.get("css-motion.text")
    if raw is None:
        if resource.kind == "html":
            parts = [style.text or "" for style in style_blocks(resource)] + style_attributes(resource)
        else:
            parts = [resource.text or ""]
        raw = resource.cache["css-motion.text"] = lower("\n".join(parts))
    return "\\" in raw or any(w in raw for w in words)


def style_attributes(resource) -> list:
    """The value of every style attribute of an HTML page, in document order (lxml attribute values:
    `.getparent()` is the element). One scan of the page's attributes, kept for every check that reads
    inline styles (blink, css-animation, fake-heading, word-paste), instead of a scan each."""
    found = resource.cache.get("style attributes")
    if found is None:
        found = resource.cache["style attributes"] = _STYLE_VALUES(resource.tree)
    return found


def style_blocks(resource) -> list:
    """Every <style> element of an HTML page, in document order (what //style finds; kept like
    style_attributes, and no walk at all on a page without style elements or attributes)."""
    found = resource.cache.get("style blocks")
    if found is None:
        found = resource.cache["style blocks"] = list(elements(resource.tree, "style"))
    return found


def page_css(resource) -> Css:
    """Every style attribute and <style> block of an HTML page (cached)."""
    if "css-motion" not in resource.cache:
        css = Css()
        for style in style_blocks(resource):
            first = style.sourceline or 1
            _read_sheet(style.text or "", css, first - 1, style, False)
        for el in [a.getparent() for a in style_attributes(resource)]:  # = //*[@style]
            decls = _declarations(tinycss2.parse_declaration_list(el.get("style"), True, True), 0)
            line = resource.position(el)[0] or el.sourceline or 0
            css.rules.append(Rule("", tuple(Declaration(d.name, d.value, line) for d in decls), line, el))
        resource.cache["css-motion"] = css
    return resource.cache["css-motion"]


def sheet_css(resource) -> Css:
    """A stylesheet resource (cached)."""
    if "css-motion" not in resource.cache:
        css = Css()
        _read_sheet(resource.text or "", css, 0, None, False)
        resource.cache["css-motion"] = css
    return resource.cache["css-motion"]


def css_of(resource) -> Css:
    return page_css(resource) if resource.kind == "html" else sheet_css(resource)


def _read_sheet(text: str, css: Css, offset: int, element, reduced: bool) -> None:
    _read_rules(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True), css, offset, element,
                reduced)


def _read_rules(rules, css: Css, offset: int, element, reduced: bool) -> None:
    for rule in rules:
        if rule.type == "qualified-rule":
            if reduced:
                continue
            decls = _declarations(tinycss2.parse_blocks_contents(rule.content, True, True), offset)
            selector = " ".join(tinycss2.serialize(rule.prelude).split())
            css.rules.append(Rule(selector, tuple(decls), rule.source_line + offset, element))
        elif rule.type == "at-rule" and rule.content is not None:
            keyword = rule.lower_at_keyword
            if keyword.endswith("keyframes"):  # also -webkit-keyframes
                kf = _keyframes(rule, offset)
                if kf is not None:
                    css.keyframes.setdefault(kf.name, kf)
            elif keyword in ("media", "supports", "layer", "container", "document", "scope"):
                prelude = tinycss2.serialize(rule.prelude).lower().replace(" ", "")
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                _read_rules(inner, css, offset, element, reduced or "prefers-reduced-motion:reduce" in prelude)


def _declarations(nodes, offset: int) -> list[Declaration]:
    out = []
    for d in nodes:
        if d.type == "declaration":
            value = [t for t in d.value if t.type not in ("comment",)]
            out.append(Declaration(d.lower_name, value, d.source_line + offset))
    return out


def _keyframes(rule, offset: int) -> Keyframes | None:
    name = next((t.value for t in rule.prelude if t.type in ("ident", "string")), None)
    if not name:
        return None
    opacity: list[float] = []
    visibility: set[str] = set()
    luminance: list[float] = []
    ends_with_opacity = set()
    moves = False
    for frame in tinycss2.parse_blocks_contents(rule.content, True, True):
        if frame.type != "qualified-rule":
            continue
        offsets = {t.lower_value if t.type == "ident" else t.value for t in frame.prelude
                   if t.type in ("ident", "percentage")}
        for d in _declarations(tinycss2.parse_blocks_contents(frame.content, True, True), offset):
            if d.name == "opacity":
                v = _number(d.value)
                if v is not None:
                    opacity.append(v)
                    ends_with_opacity |= offsets & {"from", "to", 0, 100}
            elif d.name == "visibility":
                visibility.update(t.lower_value for t in d.value if t.type == "ident")
            elif d.name in _COLOR_PROPS:
                lum = _luminance(d.value)
                if lum is not None:
                    luminance.append(lum)
                else:
                    moves = True
            else:
                moves = True
    if opacity and not ({"from", 0} & ends_with_opacity and {"to", 100} & ends_with_opacity):
        opacity.append(1.0)  # a missing 0% or 100% keyframe takes the element's own opacity, usually 1
    blinks = (bool(opacity) and max(opacity) - min(opacity) >= BLINK_OPACITY) or {"visible", "hidden"} <= visibility \
        or ("hidden" in visibility and len(visibility) == 1)
    flashes = False
    if luminance:
        from .flash import DARK_LIMIT, GENERAL_DELTA  # (numpy: loaded only when colours change)

        flashes = max(luminance) - min(luminance) >= GENERAL_DELTA and min(luminance) < DARK_LIMIT
    return Keyframes(name, rule.source_line + offset, blinks, flashes, moves or bool(opacity and not blinks))


def _number(value) -> float | None:
    for t in value:
        if t.type == "number":
            return float(t.value)
        if t.type == "percentage":
            return float(t.value) / 100
    return None


def _luminance(value) -> float | None:
    import numpy as np
    import tinycss2.color3

    from .flash import luminance

    for t in value:
        color = tinycss2.color3.parse_color(t)
        if color is not None and color != "currentColor":
            rgb = np.array([round(c * 255) for c in (color.red, color.green, color.blue)], np.uint8)
            return float(luminance(rgb))
    return None


# -- animations ----------------------------------------------------------------------------------------
def animations(rule: Rule, keyframes: dict[str, Keyframes]) -> list[Animation]:
    """The animations a rule declares, from `animation` and its longhands (later declarations win)."""
    layers: list[dict] = []
    for d in rule.declarations:
        if d.name in ("animation", "-webkit-animation"):
            layers = [_shorthand(layer, d) for layer in _split_commas(d.value)]
        elif d.name.removeprefix("-webkit-").startswith("animation-"):
            values = _split_commas(d.value)
            key = d.name.removeprefix("-webkit-")[len("animation-"):]
            if key == "name":
                layers = [{**(layers[i] if i < len(layers) else _defaults(d)), "name": _ident(v) or "none",
                           "declaration": d} for i, v in enumerate(values)]
            for i, layer in enumerate(layers):
                if values:
                    _longhand(layer, key, values[i % len(values)])
    out = []
    for layer in layers:
        if layer["name"] in ("none", ""):
            continue
        out.append(Animation(layer["name"], layer["duration"], layer["iterations"], layer["alternate"],
                             layer["paused"], layer["declaration"], keyframes.get(layer["name"])))
    return out


def _defaults(d: Declaration) -> dict:
    return {"name": "none", "duration": 0.0, "iterations": 1.0, "alternate": False, "paused": False,
            "declaration": d}


def _shorthand(tokens: list, d: Declaration) -> dict:
    layer = _defaults(d)
    times = 0
    for t in tokens:
        if t.type == "dimension" and t.lower_unit in ("s", "ms"):
            if times == 0:
                layer["duration"] = _seconds(t)
            times += 1
        elif t.type == "number":
            layer["iterations"] = float(t.value)
        elif t.type == "ident":
            word = t.lower_value
            if word == "infinite":
                layer["iterations"] = math.inf
            elif word in _DIRECTIONS:
                layer["alternate"] = word.startswith("alternate")
            elif word == "paused":
                layer["paused"] = True
            elif word not in _KEYWORDS:
                layer["name"] = t.value
        elif t.type == "string":
            layer["name"] = t.value
    return layer


def _longhand(layer: dict, key: str, tokens: list) -> None:
    word = _ident(tokens)
    if key == "duration":
        t = next((t for t in tokens if t.type == "dimension" and t.lower_unit in ("s", "ms")), None)
        layer["duration"] = _seconds(t) if t is not None else 0.0
    elif key == "iteration-count":
        n = next((float(t.value) for t in tokens if t.type == "number"), None)
        layer["iterations"] = math.inf if word == "infinite" else (n if n is not None else 1.0)
    elif key == "direction" and word:
        layer["alternate"] = word.startswith("alternate")
    elif key == "play-state" and word:
        layer["paused"] = word == "paused"


def _split_commas(value) -> list[list]:
    layers, current = [], []
    for t in value:
        if t.type == "literal" and t.value == ",":
            layers.append(current)
            current = []
        elif t.type not in ("whitespace", "comment"):
            current.append(t)
    layers.append(current)
    return [layer for layer in layers if layer]


def _ident(tokens) -> str:
    for t in tokens:
        if t.type == "ident":
            return t.lower_value if t.lower_value in _KEYWORDS else t.value
        if t.type == "string":
            return t.value
    return ""


def _seconds(t) -> float:
    return float(t.value) / (1000 if t.lower_unit == "ms" else 1)


def blink_declarations(rule: Rule) -> list[Declaration]:
    """`text-decoration: blink` (and text-decoration-line) in a rule."""
    return [d for d in rule.declarations
            if d.name in ("text-decoration", "text-decoration-line", "-webkit-text-decoration-line")
            and any(t.type == "ident" and t.lower_value == "blink" for t in d.value)]

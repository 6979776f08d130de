"""The rules reference (docs/rules.md), generated from the rules' own docstrings and options."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from checks.registry import FAMILIES, SECTIONS, Rule, all_rules

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def rule_markdown(rule: Rule) -> str:
    docs = rule.docs()
    lines = [f"## {rule.code}", "", f"`{rule.name}` · default severity **{rule.severity}**", "", docs["summary"], ""]
    if rule.options:
        lines += ["Options: " + ", ".join(f"`{name}` = `{json.dumps(value, ensure_ascii=False)}`"
                                          for name, value in rule.options.items()), ""]
    for section in SECTIONS:
        body = docs.get(section, "").replace("```post", "```text").replace("```calendar", "```yaml")
        lines += [f"### {section}", "", body, ""]
    return "\n".join(lines)


def reference() -> str:
    rules = all_rules()
    lines = ["# Rules reference", "", "Generated from the rules' docstrings by `python -m checks.docs`; "
             "`edito rule CODE` prints the same text. Select or ignore rules by code (`COM001`), prefix "
             "(`COM0`), family (`COM`) or name (`commercial.urgency`, `commercial`).", ""]
    for family, word in FAMILIES.items():
        members = [rule for rule in rules if rule.family == family]
        if members:
            lines.append(f"- **{family}** ({word}): " + ", ".join(f"[{r.code}](#{r.code.lower()}) `{r.name}`"
                                                                  for r in members))
    lines.append("")
    return "\n".join(lines + [rule_markdown(rule) for rule in rules])


def main() -> int:
    REFERENCE.write_text(reference(), encoding="utf-8")
    print(f"wrote {REFERENCE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks that the crate's top-level modules import only downward.

Each top-level module (src/<name>.rs or src/<name>/) has a layer, lowest
first, in LAYERS below. Code in a module may use its own layer and those
beneath it; a use of a higher layer is reported as

    src/<file>:<line>: module X imports Y (layer <Y's> > <X's>)

and the script exits 1. A top-level module missing from LAYERS also fails,
so that a new module gets a layer. src/lib.rs is the map of the crate and
is not checked.

What counts as a use, in non-test, non-comment code:
  - `crate::<name>` (also `$crate::` in macros), including each entry of a
    `use crate::{...}` group, however nested or spread over lines;
  - `<name>` is a top-level module, or a name that lib.rs re-exports from
    one (`pub use <module>::{...}` / `pub use <module>::Name;`), which
    counts as that module;
  - `super::` reaching above the top-level module (from src/<m>.rs, or one
    `super::` too many from deeper) counts like `crate::`; within the same
    module it is ignored.
Names at the crate root that lib.rs neither declares nor re-exports (items
defined in lib.rs itself, exported macros) are not checked.

What is skipped: comments (`//` lines, doc comments, trailing and block
comments), string and char literals, and test code. Tests sit at the bottom
of a file, so everything from a `#[cfg(test)]` line to the end of the file
is skipped; except that `#[cfg(test)]` on an out-of-line `mod name;` skips
only that line and the file it names.

Usage: check-layers.py [--root DIR] | --self-test   (Python 3 stdlib only)
"""

import argparse
import re
import sys
import tempfile
from pathlib import Path

# Lowest first. Keep in step with the crate's design notes.
LAYERS = [
    ["codec"],
    ["signature", "header"],
    ["scheme", "freshness"],
    ["key"],
    ["sign", "verify"],
    ["platform", "request", "dangerous", "provider"],
    ["event"],
    ["delivery", "receive", "axum", "tower", "actix", "diagnose"],
]
LAYER = {name: level for level, names in enumerate(LAYERS) for name in names}

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
CHAR_LITERAL = re.compile(r"'(?:\\u\{[0-9A-Fa-f_]+\}|\\x[0-9A-Fa-f]{2}|\\.|[^\\'\n])'")


def blank(text):
    """`text` with comments and the contents of string and char literals
    replaced by spaces, newlines kept, so line numbers stay right."""
    out = list(text)
    i, n = 0, len(text)

    def wipe(start, end):
        for k in range(start, end):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            wipe(i, end)
            i = end
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            wipe(i, j)
            i = j
        elif c in "rb" and (i == 0 or not re.match(r"\w", text[i - 1])):
            # Raw strings r"..", r#".."#, br#".."#; byte strings b"..".
            m = re.compile(r'b?r(#*)"').match(text, i)
            if m:
                close = '"' + m.group(1)
                end = text.find(close, m.end())
                end = n if end < 0 else end + len(close)
                wipe(m.end(), end - len(close))
                i = end
            else:
                i += 1
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            wipe(i + 1, min(j, n))
            i = j + 1
        elif c == "'":
            m = CHAR_LITERAL.match(text, i)
            if m:  # otherwise a lifetime or a label
                wipe(i + 1, m.end() - 1)
                i = m.end()
            else:
                i += 1
        else:
            i += 1
    return "".join(out)


def code_lines(text):
    """The file's lines with `//` lines blanked and test code cut, plus the
    names of out-of-line modules declared under `#[cfg(test)]`."""
    lines = text.split("\n")
    test_mods = []
    kept = []
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped.startswith("//"):
            kept.append("")
        elif stripped.startswith("#[cfg(test)]"):
            m = re.fullmatch(r"(?:pub(?:\([^)]*\))?\s+)?mod\s+(" + IDENT + r")\s*;",
                             lines[i + 1].strip() if i + 1 < len(lines) else "")
            if not m:
                break  # the tests at the bottom: nothing after counts
            test_mods.append(m.group(1))
            kept += ["", ""]
            i += 2
            continue
        else:
            kept.append(lines[i])
        i += 1
    return "\n".join(kept), test_mods


def group_entries(text, start):
    """The first segment of each entry of the `{...}` opening at `start`."""
    depth, entry, firsts = 0, "", []
    for k in range(start, len(text)):
        c = text[k]
        if c == "{":
            depth += 1
            if depth == 1:
                continue
        elif c == "}":
            depth -= 1
            if depth == 0:
                firsts.append(entry)
                break
        if depth == 1 and c == ",":
            firsts.append(entry)
            entry = ""
        else:
            entry += c
    names = []
    for item in firsts:
        m = re.match(r"\s*(?:r#)?(" + IDENT + ")", item)
        if m and m.group(1) != "self":
            names.append(m.group(1))
    return names


def lib_map(lib):
    """lib.rs's re-exports: each name usable as `crate::<name>`, mapped to
    the top-level path segment it comes from."""
    text = blank(lib.read_text(encoding="utf-8"))
    names = {}
    for m in re.finditer(r"\buse\s+(?:crate::|self::)?(" + IDENT + r")::", text):
        module, rest = m.group(1), m.end()
        tail = text[rest:]
        if tail.lstrip().startswith("{"):
            # Every leaf of a nested group, and `as` aliases.
            start = rest + (len(tail) - len(tail.lstrip()))
            depth, k = 0, start
            while k < len(text):
                depth += {"{": 1, "}": -1}.get(text[k], 0)
                k += 1
                if depth == 0:
                    break
            group = text[start:k]
            for leaf in re.findall(r"(" + IDENT + r")\s*(?=[,}])", group):
                if leaf != "self":
                    names[leaf] = module
        else:
            stmt = tail[: tail.find(";")]
            alias = re.search(r"\bas\s+(" + IDENT + r")\s*$", stmt)
            leaf = alias.group(1) if alias else re.findall(IDENT, stmt)[-1]
            names[leaf] = module
    return names


def module_files(src):
    """(top-level module, module path, file) for every .rs file but lib.rs."""
    for path in sorted(src.rglob("*.rs")):
        rel = path.relative_to(src)
        if rel.parts in (("lib.rs",), ("main.rs",)):
            continue
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "mod":
            parts.pop()
        yield parts[0], parts, path


def check(root):
    """(offences, unknown modules) for the crate at `root`."""
    src = root / "src"
    reexports = lib_map(src / "lib.rs")
    files = list(module_files(src))
    top = sorted({module for module, _, _ in files})
    unknown = [m for m in top if m not in LAYER]

    def resolve(name):
        if name in top or name in LAYER:
            return name
        module = reexports.get(name)
        return module if module in top else None

    # Files that `#[cfg(test)] mod x;` declares are test code.
    skipped = set()
    scanned = []
    for module, parts, path in files:
        text, test_mods = code_lines(path.read_text(encoding="utf-8"))
        base = path.parent if path.name == "mod.rs" else path.with_suffix("")
        for name in test_mods:
            skipped.update({base / f"{name}.rs", base / name / "mod.rs"})
            skipped.update((base / name).rglob("*.rs"))
        scanned.append((module, parts, path, text))

    offences = []
    pattern = re.compile(r"(?<![\w$])(\$?crate::|(?:super::)+)")
    for module, parts, path, text in scanned:
        if path in skipped or any(p in skipped for p in path.parents):
            continue
        code = blank(text)
        for m in pattern.finditer(code):
            prefix = m.group(1)
            if prefix.startswith("super"):
                ups = prefix.count("super::")
                # A file's own module is `parts`; `super` of a non-mod.rs
                # file and of mod.rs both go to parts[:-1].
                if len(parts) - ups > 0:
                    continue  # still inside the same top-level module
            after = m.end()
            rest = code[after:]
            if rest.startswith("{"):
                names = group_entries(code, after)
            else:
                first = re.match(IDENT, rest)
                names = [first.group(0)] if first else []
            line = code.count("\n", 0, m.start()) + 1
            for name in names:
                target = resolve(name)
                if target is None or target == module:
                    continue
                mine, theirs = LAYER.get(module), LAYER.get(target)
                if mine is None or theirs is None:
                    continue  # reported as an unknown module
                if theirs > mine:
                    offences.append(
                        f"{path.relative_to(root)}:{line}: module {module} imports "
                        f"{target} (layer {theirs} > {mine})"
                    )
    return sorted(set(offences), key=offence_order), unknown


def offence_order(offence):
    file, line, _ = offence.split(":", 2)
    return file, int(line), offence


def report(root):
    offences, unknown = check(root)
    for name in unknown:
        print(f"src/{name}: module {name} has no layer: add it to LAYERS in "
              f"scripts/check-layers.py")
    for offence in offences:
        print(offence)
    if offences or unknown:
        print(f"check-layers: {len(offences)} upward import(s), "
              f"{len(unknown)} module(s) without a layer")
        return 1
    print("check-layers: every module imports only its own layer or lower")
    return 0


def self_test():
    """A small tree with one upward import and one clean one (plus the
    things the check must not count) is flagged exactly once; then a module
    without a layer fails the check."""
    files = {
        "src/lib.rs": """
            mod codec;
            mod key;
            mod sign;
            pub use key::{KeyError, SigningKey};
            pub use sign::{
                Signer,
                nested::{Deep as Renamed},
            };
        """,
        "src/codec.rs": "pub(crate) fn hex() {}\n",
        # Layer 3 uses layer 4 through a crate-root re-export: the bad one.
        "src/key.rs": (
            "use crate::codec::hex;\n"
            "// use crate::sign::Signer; a comment does not count\n"
            "const NOTE: &str = \"crate::sign::Signer in a string does not count\";\n"
            "const QUOTE: u8 = b'\"';\n"
            "use crate::{\n"
            "    Signer,\n"
            "};\n"
            "#[cfg(test)]\n"
            "mod tests { use crate::sign::Signer; }\n"
        ),
        # Layer 4 uses layers 0 and 3: clean.
        "src/sign/mod.rs": (
            "#[cfg(test)]\n"
            "mod agree;\n"
            "pub(crate) mod nested;\n"
            "use crate::{codec::{self, hex}, SigningKey, Renamed};\n"
            "use super::key::KeyError;\n"
        ),
        "src/sign/nested.rs": "use super::Signer;\npub struct Deep;\n",
        # Test-only file (`#[cfg(test)] mod agree;`): its upward import
        # does not count.
        "src/sign/agree.rs": "use crate::delivery::Sender;\n",
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        offences, unknown = check(root)
        expected = ["src/key.rs:5: module key imports sign (layer 4 > 3)"]
        assert (offences, unknown) == (expected, []), (offences, unknown)

        (root / "src/mystery.rs").write_text("use crate::Signer;\n")
        offences, unknown = check(root)
        assert unknown == ["mystery"], unknown
    print("check-layers self-test: ok")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the crate's directory (default: this repository)")
    parser.add_argument("--self-test", action="store_true",
                        help="check the checker on a synthetic tree")
    args = parser.parse_args()
    return self_test() if args.self_test else report(args.root)


if __name__ == "__main__":
    sys.exit(main())

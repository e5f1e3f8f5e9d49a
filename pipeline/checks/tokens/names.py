"""Names in text, which a translation copies unchanged: Verb-Noun cmdlets ('Set-' turned into
'Satz-' is the classic MT defect) and file names, each found from its literal part ('-X',
'.json') backwards, so that ordinary words cost nothing; and API names: members reached
through '::' or two dots at least, and PowerShell parameters ('-Confirm')."""

from __future__ import annotations

import re

CMDLET_NOUN = re.compile(r"-[A-Z][A-Za-z0-9]*+")
_VERB_BEFORE = re.compile(r"(?<![\w-])[A-Z][a-z]++(?:To|From)?$")
# A generic '.ext' scan and a set lookup: an alternation of extensions would be tried at every
# full stop of every sentence.
EXTENSION = re.compile(r"\.([A-Za-z][A-Za-z0-9]{0,5})(?!\w|\.\w)")
_EXTENSIONS = frozenset(
    [
        "json", "jsonc", "js", "ts", "xml", "xaml", "yml", "yaml", "ps1", "psm1", "psd1", "cs",
        "vb", "py", "md", "txt", "csv", "config", "dll", "exe", "msi", "zip", "htm", "html", "css",
        "sql", "sh", "cmd", "bat", "ini", "pfx", "cer", "pem", "resx", "csproj", "sln", "bicep",
        "cshtml", "aspx", "ipynb"
    ])
_NAME_TAIL = re.compile(r"[\w-]+(?:\.[\w-]+)*$")
# 'Read-Only', 'Add-On', 'Set-Up': English compounds, not Verb-Noun commands.
_NOT_NOUNS = frozenset([
    "On", "Ons", "In", "Ins", "Only", "Up", "Out", "Off", "Over", "Back", "Down", "Away", "Through",
    "Time"
])
_VERBS = frozenset(
    [
        "Add", "Approve", "Assert", "Backup", "Block", "Checkpoint", "Clear", "Close", "Compare",
        "Complete", "Compress", "Confirm", "Connect", "Convert", "ConvertFrom", "ConvertTo", "Copy",
        "Debug", "Deny", "Deploy", "Disable", "Disconnect", "Dismount", "Edit", "Enable", "Enter",
        "Exit", "Expand", "Export", "Find", "Format", "Get", "Grant", "Group", "Hide", "Import",
        "Initialize", "Install", "Invoke", "Join", "Limit", "Lock", "Measure", "Merge", "Mount",
        "Move", "New", "Open", "Optimize", "Out", "Ping", "Pop", "Protect", "Publish", "Push",
        "Read", "Receive", "Redo", "Register", "Remove", "Rename", "Repair", "Request", "Reset",
        "Resize", "Resolve", "Restart", "Restore", "Resume", "Revoke", "Save", "Search", "Select",
        "Send", "Set", "Show", "Skip", "Split", "Start", "Step", "Stop", "Submit", "Suspend",
        "Switch", "Sync", "Test", "Trace", "Unblock", "Undo", "Uninstall", "Unlock", "Unprotect",
        "Unpublish", "Unregister", "Update", "Use", "Wait", "Watch", "Write"
    ])


# 'ICorProfilerInfo2::GetThreadStaticAddress', 'std::vector'
SCOPED = re.compile(r"(?<![\w:])[A-Za-z_~]\w*+(?:::[A-Za-z_~]\w*+)++")
# 'Microsoft.Isam.Esent.Interop.EsentTooManyKeysException', 'System.IO.File': two dots at
# least, each part a name of two characters or more ('U.S.A.' and 'e.g.' are none), two parts
# capitalised: 'server.database.schema.table' is a pattern to fill in, 'www.contoso.com' a host
DOTTED = re.compile(r"(?<![\w.@/\\-])[A-Za-z_]\w++(?:\.[A-Za-z_]\w++){2,}+(?![\w@/\\-]|\.\w)")
_CAPITALISED_PART = re.compile(r"(?:^|\.)[A-Z]")
# 'Admin.Microsoft.com', 'Contoso.OnMicrosoft.com': a host name, whatever its case
_HOST_END = re.compile(r"\.[a-z]{2,3}$")
# a dot between two names, the literal first: most sentences have none
DOT_NAME = re.compile(r"\.[A-Za-z_]\w*+\.[A-Za-z_]")
# what may start a file name's extension or a dotted name: one search for both
DOT_CANDIDATE = re.compile(rf"\.(?:[A-Za-z][A-Za-z0-9]{{0,5}}(?!\w|\.\w)|{DOT_NAME.pattern[2:]})")
# '-Confirm', '-OutVariable': a parameter stands alone, after a space or an opening mark
# (the dash first, the look-behind after it: the engine then skips to each '-' at C speed)
_PARAMETER = re.compile(r"-(?<![^\s(\[*_>\"'“«]-)[A-Z][a-z]++(?:[A-Z][a-z]*+)*+(?![\w-])")
# A parameter is named where the text speaks of parameters or cmdlets, or is the parameter
# alone (the heading '### -Confirm'): 'Monday -Friday', 'returns -Infinity' are prose.
_PARAMETER_CONTEXT = re.compile(r"\b(?:[Pp]arameters?|[Ss]witch(?:es)?|[Cc]mdlets?)\b")
_ALONE = re.compile(r"[\s*_`\\]*+-[A-Za-z]++[\s*_`\\]*+")
# after a number or a full stop, a dash is punctuation: 'Step 1 -Create', '9 a.m. -Noon'
_NUMBER_BEFORE = re.compile(r"[\d.]\s*+$")
# '-This option…', '-Example: …': a dash before a word of prose, no parameter
_PROSE_AFTER_DASH = frozenset([
    "This", "These", "That", "Those", "The", "It", "Its", "If", "Then", "When", "Where", "Which",
    "What", "Who", "Why", "How", "We", "You", "Your", "They", "There", "Here", "See", "Note",
    "Example", "Examples", "For", "Not", "No", "Yes", "And", "Or", "But", "With", "Without",
])


def api_names(text: str) -> list[str]:
    """Names of code in prose, which a translation copies exactly, case and all: '::' and
    dotted member names, PowerShell parameters; in order."""
    out: list[str] = SCOPED.findall(text) if "::" in text else []
    if "." in text and DOT_NAME.search(text) is not None:
        for m in DOTTED.findall(text):
            m = m.strip("_")  # '_System.IO.File_': emphasis, not the name
            if len(_CAPITALISED_PART.findall(m)) >= 2 and _HOST_END.search(m) is None:
                out.append(m)
    if "-" in text:
        found = list(_PARAMETER.finditer(text))
        if found and (_PARAMETER_CONTEXT.search(text) is not None or _has_cmdlet(text)
                      or _ALONE.fullmatch(text) is not None):
            out += [m.group() for m in found
                    if m.group()[1:] not in _NOT_NOUNS and m.group()[1:] not in _PROSE_AFTER_DASH
                    and _NUMBER_BEFORE.search(text, max(0, m.start() - 8), m.start()) is None]
    return out


def _has_cmdlet(text: str) -> bool:
    for m in CMDLET_NOUN.finditer(text):
        verb = _VERB_BEFORE.search(text, max(0, m.start() - 16), m.start())
        if verb is not None and verb.group() in _VERBS:
            return True
    return False


def names(text: str) -> list[str]:
    """Verb-Noun cmdlet names (PowerShell's approved verbs) and file names with a common
    extension, in order."""
    out = []
    if "-" in text:
        for m in CMDLET_NOUN.finditer(text):
            verb = _VERB_BEFORE.search(text, max(0, m.start() - 16), m.start())
            if verb is not None and verb.group() in _VERBS and m.group()[1:] not in _NOT_NOUNS:
                out.append(text[verb.start() : m.end()])
    if "." in text:
        for m in EXTENSION.finditer(text):
            if m.group(1).lower() not in _EXTENSIONS:
                continue
            head = text[max(0, m.start() - 120) : m.start()]
            if not head or head[-1].isspace():
                continue  # '.csv file': an extension alone names no file
            # the tail of the last word (C-level rsplit, then a short regex on that word)
            name = _NAME_TAIL.search(head.rsplit(None, 1)[-1])
            if name is not None and name.group():
                out.append(name.group() + text[m.start() : m.end()])
    return out


_GLUE = re.compile(r"[A-Za-z0-9_]")


def has_word(text: str, word: str) -> bool:
    """``word`` in ``text`` as a whole name: no letter, digit, '-' or '.' + letter around it."""
    pos = text.find(word)
    while pos >= 0:
        end = pos + len(word)
        before = text[pos - 1 : pos]
        after = text[end : end + 2]
        # ('' in "-_" is true: the text's start and end glue to nothing). Only ASCII letters
        # and digits glue: a name runs on into Japanese or Korean text ('Remove-Item과'), and
        # into a compound after it (de 'policy.json-Datei')
        glued_before = before != "" and (_GLUE.match(before) is not None or before == "-")
        glued_after = after != "" and (_GLUE.match(after) is not None or (
            after[:1] == "." and _GLUE.match(after, 1) is not None))
        if not (glued_before or glued_after):
            return True
        pos = text.find(word, pos + 1)
    return False

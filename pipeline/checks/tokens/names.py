"""Names in text, which a translation copies unchanged: Verb-Noun cmdlets ('Set-' turned into
'Satz-' is the classic MT defect) and file names. Each is found from its literal part ('-X',
'.json') backwards, so that ordinary words cost nothing."""

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


def has_word(text: str, word: str) -> bool:
    """``word`` in ``text`` as a whole name: no letter, digit, '-' or '.' + letter around it."""
    pos = text.find(word)
    while pos >= 0:
        end = pos + len(word)
        before = text[pos - 1 : pos]
        after = text[end : end + 2]
        glued_before = before.isalnum() or before in "-_"
        glued_after = after[:1].isalnum() or after[:1] in "-_" or (
            after[:1] == "." and after[1:].isalnum())
        if not (glued_before or glued_after):
            return True
        pos = text.find(word, pos + 1)
    return False

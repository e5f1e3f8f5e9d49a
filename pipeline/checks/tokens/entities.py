"""HTML character references ('&lt;', '&#124;', '&#x2A;', '&amp;')."""

from __future__ import annotations

import re

ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

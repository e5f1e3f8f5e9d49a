"""Vendor handoff packages: only the entries that need work, with what a vendor needs to
quote and translate them, and their return merged back.

- ``work``     which entries need work, their match category and word counts
- ``codes``    inline Markdown and HTML as XLIFF inline codes, and back, byte for byte
- ``package``  writes a package: XLIFF 1.2 or PO per catalog, the word counts as CSV
- ``back``     reads a returned package into the catalogs (``handoff-import``)
- ``command``  the two commands
"""

"""Docs localization pipeline: sxs bilingual Markdown <-> gettext PO catalogs <-> Markdown.

Data flows article -> merge -> catalog -> checks -> render:

- ``article``  reads an sxs article: raw front matter + span pairs with exact offsets
- ``catalog``  the PO model, a GNU-gettext-exact writer and a strict reader
- ``merge``    folds an article into its existing catalog without losing a translator's edit
- ``checks``   the findings a delivery must pass, one module per topic (``checks.registry``)
- ``publish``  decides what a page shows: nothing a check holds back (``loose``: the
               translated text outside the pairs, checked too)
- ``render``   writes localized, source and bilingual Markdown from article + catalog
- ``layout``   where content, catalogs and outputs live; ``io`` writes them atomically
- ``job``      one article's work: read, extract, check, render, then a batch's writes
- ``runner``   schedules the jobs (in parallel), skips what ``cache`` shows unchanged;
               ``cli`` is the command line
"""

__version__ = "0.1.0"

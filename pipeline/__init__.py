"""Docs localization pipeline: sxs bilingual Markdown or plain English <-> gettext PO catalogs
<-> per-locale Markdown.

Data flows article -> catalog -> checks -> render, one stage a package or module:

1. The article
   - ``article/``   an sxs handoff: raw front matter + span pairs with exact offsets
   - ``segment/``   plain English Markdown cut into the sentences Microsoft's handoffs chose
   - ``source/``    an English article driving every locale (segment, merge, publish, render)
2. The catalog
   - ``catalog/``   the PO model, a GNU-gettext-exact writer, a strict reader (``po_charset``:
                    catalogs read and written in the charset their header declares)
   - ``merge``      folds an article into its catalog without losing a translator's edit;
                    ``provenance`` records what each handoff delivered; ``header`` the
                    header's fields, in the order the file has them
   - ``memory/``    translation memory: new entries filled from every catalog of a locale
3. The checks
   - ``checks/``    the findings a delivery must pass, one module per topic (``registry``);
                    ``terms`` and ``suppress`` (terminology, per-entry silencing)
4. The page
   - ``publish``    decides what a page shows: nothing a check holds back (``loose``: the
                    translated text outside the pairs, checked too)
   - ``render``     writes localized, source and bilingual Markdown; ``pages`` records the
                    pages written, the only ones ``--prune`` may delete

Running it: ``layout`` (where files live), ``io`` (atomic writes), ``lock`` (the tree lock,
and what must not outlive a run), ``job`` (one article's work), ``runner`` (batches in
parallel, ``cache`` skips what is unchanged), ``outcome`` (the vocabulary they share).
Around it: ``cli``/``arguments``/``stdout`` (the command line), ``config``, ``findings``
(``reporter`` prints them); the CI gate
(``gate``, ``baseline``, ``identity``, ``changed``, ``sarif``); vendor exchange (``xliff``,
``handoff/``, ``stats``); the HTML ``report/``.
"""

__version__ = "0.1.0"

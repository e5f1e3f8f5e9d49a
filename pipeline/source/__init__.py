"""English in: plain English Markdown in the source folder (content/en-US) drives every locale.

The English is segmented as Microsoft's handoffs segmented it (``pipeline.segment``); each
target locale's catalog is merged from it with the rules the handoffs use (``pipeline.merge``),
a handoff of the same article lending its translations; each locale's page is the English with
every segment replaced by its published translation (``job.publish`` decides which).

- ``tree``     which articles a run makes: each English article once per target locale
- ``units``    the English made ready for a locale: stable ids, Article-shaped records, keys
- ``handoff``  the translations a handoff of the same article lends, matched by English
- ``frontmatter`` the localized front matter: title and description, ``ms.contentlocale``
- ``render``   the localized, source and bilingual forms from the English
- ``links``    in-page links and the anchors they need
- ``job``      one English-driven article for one locale; ``batch`` runs both kinds of job
"""

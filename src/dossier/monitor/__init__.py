"""Monitoring: watched sources, polite fetching, scheduled rounds, alerts and digests (issue #12).

The monitor is a front end to the same ingest path as ``dossier ingest``
(:func:`dossier.ingest.job.ingest_items`): it only decides *what* to read and
*when*, fetches it politely, and hands the articles over.  Everything it
needs to remember lives in the store (migration 0005), so a cron job and a
long-running ``dossier watch`` behave the same.

Modules, in the order data flows through them:

* :mod:`~dossier.monitor.schedule` - intervals ("15m") and when a source is due;
* :mod:`~dossier.monitor.sources` - the watched sources and their health;
* :mod:`~dossier.monitor.opml` - OPML import and export of source lists;
* :mod:`~dossier.monitor.fetching` - the HTTP client: robots.txt, per-host limits, retries, size limit;
* :mod:`~dossier.monitor.fetchstate` - per-URL validators for conditional GET, and what was seen;
* :mod:`~dossier.monitor.harvest` - a source's new articles (feeds, pages, sitemaps, folders);
* :mod:`~dossier.monitor.watch` - a round over the due sources, and the loop that repeats it;
* :mod:`~dossier.monitor.alerts` - alert definitions and their evaluation after each ingest;
* :mod:`~dossier.monitor.channels` - delivering notifications (JSON Lines, stdout, webhook, e-mail);
* :mod:`~dossier.monitor.digest` - what is new per subject over a period.
"""

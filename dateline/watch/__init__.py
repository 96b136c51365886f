"""Following feeds: `dateline watch FEEDS.toml` polls feeds politely and ingests what is new."""

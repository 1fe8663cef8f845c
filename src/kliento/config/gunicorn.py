"""gunicorn's configuration for Kliento: ``gunicorn -c python:kliento.config.gunicorn
kliento.config.wsgi``. The access log masks the customers' link tokens."""

logger_class = "kliento.config.access_log.TokenMaskingGunicornLogger"

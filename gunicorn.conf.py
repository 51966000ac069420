"""Gunicorn settings for `make run` and for deployment (docs/deploy.md).

Environment:
    PORT                 port to listen on (default 8000)
    GUNICORN_BIND        full bind address, overrides PORT (default 127.0.0.1:$PORT; behind a
                         proxy on another host, e.g. 10.0.0.5:8000 — never a public interface)
    WEB_CONCURRENCY      worker processes (default 2 with LAWSTATION_PROFILE=local, else 3)
    GUNICORN_TIMEOUT     seconds a request may take before its worker is restarted (default 60)
    FORWARDED_ALLOW_IPS  proxies whose X-Forwarded-Proto gunicorn trusts (gunicorn's own
                         variable; default 127.0.0.1,::1)
"""

import os

wsgi_app = "lawstation.wsgi:application"
proc_name = "lawstation"

# Bind explicitly: gunicorn's own default for a set PORT is 0.0.0.0, every interface.
bind = [os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{int(os.environ.get('PORT', '8000'))}"]

# Sync workers: requests are short, PDF rendering is CPU-bound (threads would not help), and
# the reverse proxy buffers slow clients. Two cores: two or three workers.
_local = os.environ.get("LAWSTATION_PROFILE") == "local"
workers = int(os.environ.get("WEB_CONCURRENCY", "2" if _local else "3"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak (fonts, PDF caches) cannot grow without bound.
max_requests = 1000
max_requests_jitter = 100

# Logs to stdout/stderr, for the terminal or the service manager's journal. The access log
# carries the request id that the audit log stores, to join the two.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s" rid=%({x-request-id}o)s'

# Request limits: Django enforces the body size (DATA_UPLOAD_MAX_MEMORY_SIZE); the proxy's
# client_max_body_size is the outer bound.
limit_request_line = 8190
limit_request_fields = 100

# No runtime control socket: nothing here uses gunicornc, and a shared default path would make
# two instances on one machine collide.
control_socket_disable = True

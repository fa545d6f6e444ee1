"""A slow phone link, made at the server: every response waits RTT_S first, and all bytes share one link of
RATE_BPS (a global pacer across connections). Chromium's own throttling (CDP Network.emulateNetworkConditions)
reaches only the page, never its Web Workers or the service worker, so the engine's downloads would be far too
fast; this throttles everything the browser fetches. Files are gzip-compressed when the browser asks, as GitHub
Pages sends them, with its caching headers (max-age=600 and Last-Modified)."""
import email.utils
import gzip
import http.server
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

RATE_BPS = 1.6e6          # slow 4G: 1.6 Mbps down
RTT_S = 0.150             # 150 ms per request
CHUNK = 16 * 1024
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
         ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm", ".zip": "application/zip",
         ".whl": "application/octet-stream", ".png": "image/png", ".svg": "image/svg+xml", ".xml": "application/xml",
         ".txt": "text/plain", ".ico": "image/x-icon", ".gz": "application/gzip"}
NOT_GZIPPED = (".png", ".zip", ".whl", ".gz", ".ico")


class Link:
    """One shared link: each chunk reserves its slot on the wire, so parallel downloads share the rate."""

    def __init__(self, rate_bps: float = RATE_BPS):
        self.rate = rate_bps / 8
        self.free_at = 0.0
        self.lock = threading.Lock()
        self.sent = 0

    def write(self, wfile, body: bytes) -> None:
        for i in range(0, len(body), CHUNK):
            chunk = body[i:i + CHUNK]
            with self.lock:
                start = max(time.monotonic(), self.free_at)
                self.free_at = start + len(chunk) / self.rate
                done_at = self.free_at
                self.sent += len(chunk)
            delay = done_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            wfile.write(chunk)


class PacedSite(http.server.BaseHTTPRequestHandler):
    root: Path
    link: Link
    paths: list
    _gz: dict = {}

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        self.paths.append(path)
        local = (self.root / path.lstrip("/")).resolve()
        if local.is_dir():
            local = local / "index.html"
        status = 200
        if not local.is_file() or self.root.resolve() not in local.parents:
            local, status = self.root / "404.html", 404
        raw = local.read_bytes()
        use_gz = "gzip" in self.headers.get("Accept-Encoding", "") and not local.name.endswith(NOT_GZIPPED)
        body = raw
        if use_gz:
            key = str(local)
            if key not in self._gz or self._gz[key][0] != len(raw):
                self._gz[key] = (len(raw), gzip.compress(raw, 6))
            body = self._gz[key][1]
        time.sleep(RTT_S)
        self.send_response(status)
        self.send_header("Content-Type", TYPES.get(local.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Last-Modified", email.utils.formatdate(local.stat().st_mtime, usegmt=True))
        if use_gz:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        try:
            self.link.write(self.wfile, body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


def serve_site(root: Path, rate_bps: float = RATE_BPS):
    """Serve a built site on a free loopback port through one slow link; returns (server, base URL, link)."""
    link = Link(rate_bps)
    handler = type("Handler", (PacedSite,), {"root": Path(root), "link": link, "paths": [], "_gz": {}})
    httpd = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    httpd.paths = handler.paths
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/", link

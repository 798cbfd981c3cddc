#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The lab's web server: HTTP on [::]:80 and HTTPS on [::]:443 (dual stack),
# a small page at / and 1 MiB at /big.bin. Writes "ready" to the file given
# with --ready once both sockets listen.
import argparse, http.server, socket, ssl, threading

class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = b"x" * (1 << 20) if self.path == "/big.bin" else b"<html><body>lab</body></html>\n"
        code = 204 if self.path == "/generate_204" else 200
        self.send_response(code)
        self.send_header("Content-Length", "0" if code == 204 else str(len(body)))
        self.end_headers()
        if code != 204:
            self.wfile.write(body)
    def log_message(self, *a):
        pass

class S(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6
    daemon_threads = True
    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()

ap = argparse.ArgumentParser()
ap.add_argument("--cert"); ap.add_argument("--key"); ap.add_argument("--ready")
a = ap.parse_args()
plain = S(("::", 80), H)
tls = S(("::", 443), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(a.cert, a.key)
tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
threading.Thread(target=plain.serve_forever, daemon=True).start()
if a.ready:
    open(a.ready, "w").write("ready\n")
tls.serve_forever()

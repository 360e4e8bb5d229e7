#!/usr/bin/env python3
"""A local OTLP/HTTP sink for load runs that export: answers 200 with an empty protobuf
response to every POST and keeps nothing. Not a receiver to test against (it checks
nothing); it only gives the exporter somewhere to send.

    python3 llmobs-benchmarks/otlp-sink.py 14318 &
    then start the sample with --llmobs.export.endpoint=http://127.0.0.1:14318
"""
import http.server
import socketserver
import sys


class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


Server(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 14318), Sink).serve_forever()

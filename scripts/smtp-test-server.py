#!/usr/bin/python3
"""The tests' throwaway SMTP server (scripts/test-services.sh starts it).

    /usr/bin/python3 scripts/smtp-test-server.py HOST:PORT MAILDIR

Accepted messages are delivered into MAILDIR (tmp/ then new/, as a Maildir is written) exactly as they
arrived, after two trace headers. The answer depends on the recipient's local part, so tests can provoke
each outcome the sender must handle:

    defer-451...    451 4.3.0 at RCPT TO (temporary: the sender defers and retries)
    close-421...    421 4.3.2 at RCPT TO, then the connection is closed
    bounce-550...   550 5.1.1 unknown mailbox at RCPT TO (permanent: the sender does not retry)
    anything else   250, and after DATA "250 2.0.0 Ok: queued as <id>"

A local part that also contains "-once" gets the 451 or 421 only the first time that address is seen, so a
test can watch a retry succeed.
"""

import asyncio
import itertools
import os
import signal
import socket
import sys
import threading
import time
import uuid

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, maildir):
        self.maildir = maildir
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)
        self.seen = set()
        self.counter = itertools.count()
        self.lock = threading.Lock()

    def _first_time(self, address):
        with self.lock:
            first = address not in self.seen
            self.seen.add(address)
            return first

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        temporary = "-once" not in local or self._first_time(address.lower())
        if local.startswith("defer-451") and temporary:
            return "451 4.3.0 <%s>: Temporary failure, please try again later" % address
        if local.startswith("close-421") and temporary:
            # The reply is written first; closing the transport flushes it, then drops the connection.
            asyncio.get_running_loop().call_later(0.05, server.transport.close)
            return "421 4.3.2 Service shutting down, closing transmission channel"
        if local.startswith("bounce-550"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown in local recipient table" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        queue_id = uuid.uuid4().hex[:12].upper()
        trace = "X-Rasens-Queue-Id: %s\r\nX-Rasens-Rcpt-To: %s\r\n" % (queue_id, ", ".join(envelope.rcpt_tos))
        name = "%d.%d_%d.%s" % (time.time_ns(), os.getpid(), next(self.counter), socket.gethostname())
        temporary = os.path.join(self.maildir, "tmp", name)
        with open(temporary, "wb") as file:
            file.write(trace.encode("ascii"))
            file.write(envelope.original_content)
        os.rename(temporary, os.path.join(self.maildir, "new", name))
        return "250 2.0.0 Ok: queued as %s" % queue_id


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    host, port = sys.argv[1].rsplit(":", 1)
    controller = Controller(Handler(sys.argv[2]), hostname=host, port=int(port), enable_SMTPUTF8=True)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("SMTP test server on %s:%s, delivering into %s" % (host, port, sys.argv[2]), flush=True)
    stop.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the fault test sees inside processes: process groups and their TCP connections."""

from __future__ import annotations

import os
import socket
import sys

import pytest

from tests.fault.cluster import group_members, socket_inodes, tcp_local_ports

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def test_a_process_is_found_in_its_process_group():
    assert os.getpid() in group_members(os.getpgrp())
    assert os.getpid() not in group_members(os.getpgrp() + 1_000_000)


def test_the_local_port_of_a_connection_is_found_by_its_remote_port():
    with socket.socket() as server, socket.socket() as client:
        server.bind(("127.0.0.1", 0))
        server.listen()
        client.connect(server.getsockname())
        inodes = socket_inodes({os.getpid()})
        local_port = client.getsockname()[1]
        assert local_port in tcp_local_ports(inodes, server.getsockname()[1])
        assert local_port not in tcp_local_ports(inodes, server.getsockname()[1] + 1)

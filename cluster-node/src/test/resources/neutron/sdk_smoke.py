"""openstacksdk against Tenet's Neutron API: lists and creates with a Tenet token.

Usage: python3 sdk_smoke.py <endpoint> <token>. Prints one line per step; exits non-zero on any error.
"""
import sys

import openstack

endpoint, token = sys.argv[1], sys.argv[2]
conn = openstack.connect(auth_type="admin_token", auth={"token": token, "endpoint": endpoint})
net = conn.network.create_network(name="sdk-net")
subnet = conn.network.create_subnet(network_id=net.id, cidr="10.77.0.0/24", ip_version=4, name="sdk-v4")
port = conn.network.create_port(network_id=net.id, name="sdk-port")
print("created", net.id, subnet.id, port.id, port.fixed_ips[0]["ip_address"])
print("networks", ",".join(sorted(n.name for n in conn.network.networks())))
print("ports", ",".join(sorted(p.name for p in conn.network.ports(network_id=net.id))))
print("groups", ",".join(sorted(g.name for g in conn.network.security_groups())))
conn.network.delete_port(port)
conn.network.delete_subnet(subnet)
conn.network.delete_network(net)
print("deleted")

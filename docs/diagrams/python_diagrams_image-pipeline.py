"""The image-pipeline topology (Topologies/image-pipeline.yaml, seed 000) drawn by hand with the
Python `diagrams` package (https://diagrams.mingrammer.com), for comparison with
`archsim diagram` in docs/diagrams.md.

Run from the repository root:
    python3 -m venv /tmp/venv-diagrams && /tmp/venv-diagrams/bin/pip install diagrams
    /tmp/venv-diagrams/bin/python docs/diagrams/python_diagrams_image-pipeline.py
It writes docs/diagrams/python_diagrams_image-pipeline.png (the `dot` program must be installed:
the package shells out to it).

Everything below is typed in by hand from the YAML: names, zones, which service calls which.
"""

from diagrams import Cluster, Diagram, Edge
from diagrams.aws.analytics import ManagedStreamingForKafka, Quicksight
from diagrams.aws.compute import Fargate
from diagrams.aws.database import RDS
from diagrams.aws.network import ALB, NATGateway, Endpoint
from diagrams.aws.storage import S3
from diagrams.onprem.client import Users
from diagrams.onprem.network import Internet

graph_attr = {"fontsize": "20", "pad": "0.3"}

with Diagram(
    "image-pipeline (Python diagrams)",
    filename="docs/diagrams/python_diagrams_image-pipeline",
    outformat="png",
    show=False,
    direction="LR",
    graph_attr=graph_attr,
):
    users = Users("uploaders")
    producers = Internet("data-lake producers")
    analysts = Quicksight("QuickSight dashboards")

    with Cluster("region ap-southeast-1"):
        images = S3("images (7-day expiry)")
        with Cluster("VPC"):
            s3_endpoint = Endpoint("S3 gateway endpoint")
            portals, processors, albs, brokers = [], [], [], []
            for zone in ["a", "b"]:
                with Cluster(f"zone {zone}"):
                    with Cluster("public subnet"):
                        edge = ALB(f"edge ({zone})")
                        NATGateway(f"NAT ({zone})")
                    with Cluster("private subnet"):
                        portal = Fargate("portal")
                        internal = ALB("processing-alb")
                        processor = Fargate("processor")
                        broker = ManagedStreamingForKafka("stream broker")
                    edge >> portal >> internal >> processor
                    broker >> Edge(style="dashed") >> processor
                    albs.append(edge)
                    portals.append(portal)
                    processors.append(processor)
                    brokers.append(broker)
            with Cluster("data subnet"):
                db = RDS("db (Multi-AZ)")

    users >> albs
    producers >> Edge(style="dashed") >> brokers
    portals >> db
    processors >> db
    processors >> s3_endpoint >> images
    analysts >> db

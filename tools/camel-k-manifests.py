#!/usr/bin/env python3
"""Writes examples/camel-k/<route>.yaml, one Camel K Integration per demo route file in examples/routes, with the
route file's content as its flows (the same routes, not maintained twice: CamelKManifestsTest fails when an
Integration's flows differ from its route file, so run this again after editing a route file); and
examples/camel-k/cluster/<route>.yaml, the replicated Integrations of examples/cluster: REPLICAS replicas, the master
trait (a Lease) for their master: pollers, the shared database from the Secret camel-telemetry-db (never inline).

Usage: python3 tools/camel-k-manifests.py [version]   (version of our artifacts; default: the project's)
"""
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
ROUTES = ROOT / "examples" / "routes"
CLUSTER_ROUTES = ROOT / "examples" / "cluster"
OUT = ROOT / "examples" / "camel-k"
CLUSTER_OUT = OUT / "cluster"
REPLICAS = 3
# what the shared state needs in the pod: camel-sql (SharedJdbcAggregationRepository), the pool and the driver
CLUSTER_DEPENDENCIES = ["camel:master", "camel:sql", "mvn:com.zaxxer:HikariCP:6.3.3",
                        "mvn:org.postgresql:postgresql:42.7.8"]
COMPONENTS = ["pylot", "dcs", "initialstate", "esmond", "archfx"]
# where the persistent stores, cursors and dead letters live in the pod: a PersistentVolumeClaim mounted at /data
DATA_PROPERTIES = {
    "pylot.batchStore": "/data/pylot-batches",
    "pylot.deadLetterDir": "/data/dead-letters",
    "dcs.cursorFile": "/data/dcs-cursor.dat",
    "dcs.deadLetterDir": "/data/dead-letters",
    "initialstate.batchStore": "/data/initialstate-batches",
    "initialstate.spillDirectory": "/data/initialstate-spill",
    "initialstate.deadLetterDir": "/data/dead-letters",
    "esmond.batchStore": "/data/esmond-batches",
    "esmond.cursorFile": "/data/esmond-cursor.dat",
    "esmond.deadLetterDir": "/data/dead-letters",
    "archfx.idFile": "/data/archfx-ids.dat",
    "archfx.cursorFile": "/data/archfx-cursor.dat",
    "archfx.batchStore": "/data/archfx-batches",
    "archfx.deadLetterDir": "/data/dead-letters",
    "telemetry.deadLetterDir": "/data/dead-letters",
}


def project_version():
    pom = (ROOT / "pom.xml").read_text()
    return re.search(r"<artifactId>camel-telemetry-parent</artifactId>\s*<version>([^<]+)</version>", pom).group(1)


def str_presenter(dumper, data):
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


def integration(route_file, version, replicated):
    text = route_file.read_text()
    flows = yaml.safe_load(text)
    if replicated:
        # the bean db every replicated route file uses comes first (the other beans take it when created)
        flows = yaml.safe_load((CLUSTER_ROUTES / "db.yaml").read_text()) + flows
    used = [c for c in COMPONENTS if re.search(r"(uri: |to: |\"|master:[a-z0-9-]+:)" + c + r":", text)]
    dependencies = ["mvn:io.cameltelemetry:camel-%s:%s" % (c, version) for c in used]
    beans = "io.cameltelemetry.examples." in text
    if beans:
        dependencies.append("mvn:io.cameltelemetry:camel-telemetry-examples:%s" % version)
    if "H2AggregationRepository" in text:
        dependencies += ["camel:sql", "mvn:com.h2database:h2:2.3.232"]
    if replicated:
        dependencies += [d for d in CLUSTER_DEPENDENCIES if d not in dependencies]
    properties = ["%s=%s" % (k, v) for k, v in DATA_PROPERTIES.items()
                  if "{{" + k + ":" in text]
    traits = {}
    mount = {}
    configs = ["secret:camel-telemetry-%s" % c for c in used]
    if replicated:
        configs.append("secret:camel-telemetry-db")
    if configs:
        mount["configs"] = configs
    if properties:
        mount["volumes"] = ["camel-telemetry-data:/data"]
    if mount:
        traits["mount"] = mount
    if properties:
        traits["camel"] = {"properties": properties}
    if replicated:
        traits["master"] = {"enabled": True, "resourceType": "Lease", "resourceName": route_file.stem + "-lock"}
    if beans:
        traits["builder"] = {"properties": [
            "quarkus.index-dependency.examples.group-id=io.cameltelemetry",
            "quarkus.index-dependency.examples.artifact-id=camel-telemetry-examples"]}
    spec = {}
    if replicated:
        spec["replicas"] = REPLICAS
    spec.update({"dependencies": dependencies, "traits": traits, "flows": flows})
    return {
        "apiVersion": "camel.apache.org/v1",
        "kind": "Integration",
        "metadata": {"name": route_file.stem, "labels": {"app.kubernetes.io/part-of": "camel-telemetry-demo"}},
        "spec": spec,
    }


def main():
    version = sys.argv[1] if len(sys.argv) > 1 else project_version()
    yaml.add_representer(str, str_presenter)
    CLUSTER_OUT.mkdir(exist_ok=True)
    for source, out, replicated in ((ROUTES, OUT, False), (CLUSTER_ROUTES, CLUSTER_OUT, True)):
        for route_file in sorted(source.glob("*.yaml")):
            if replicated and route_file.name == "db.yaml":
                continue
            relative = route_file.relative_to(ROOT)
            header = ("# Generated by tools/camel-k-manifests.py from %s%s: edit the route file and run\n"
                      "# the script again (CamelKManifestsTest fails when the flows differ from the route file).\n"
                      % ("examples/cluster/db.yaml and " if replicated else "", relative))
            body = yaml.dump(integration(route_file, version, replicated), sort_keys=False,
                             default_flow_style=False, width=120, allow_unicode=True)
            (out / route_file.name).write_text(header + body)
            print("wrote", out / route_file.name)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Regenerates the options and headers tables of camel-<name>/src/main/docs/<name>-component.adoc from the
generated catalog model (src/generated/resources/META-INF/io/cameltelemetry/<name>/<name>.json).

Usage: python3 tools/update-doc-tables.py pylot dcs initialstate ...   (build the module first: the JSON comes from the build)

Only the tables inside the '// component options: START/END' and '// component headers: START/END' blocks change;
ComponentDocsTest (examples) fails when an option or header is missing from them.
"""
import json
import re
import sys


def rows(props):
    out = []
    for key, v in props.items():
        if key == 'configuration':
            continue
        default = v.get('defaultValue', '')
        default = json.dumps(default) if isinstance(default, bool) else default
        out.append('| *%s* (%s) | %s | %s | %s' % (key, v.get('group', ''), v['description'].replace('|', '\\|'),
                                                  default, v.get('javaType', '').split('.')[-1]))
    return '\n'.join(out)


def header_rows(props):
    return '\n'.join('| `%s` | %s | %s' % (k, v['description'].replace('|', '\\|'), v.get('javaType', '').split('.')[-1])
                     for k, v in props.items())


def replace_table(block, title, body):
    # the table under '=== <title>' inside the block
    pattern = re.compile(r'(=== ' + re.escape(title) + r'\n.*?\|===\n\| Name [^\n]*\n)(.*?)(\n\|===)', re.S)
    new, n = pattern.subn(lambda m: m.group(1) + body + m.group(3), block)
    if n != 1:
        raise SystemExit('no "=== %s" table found' % title)
    return new


def update(name):
    model = json.load(open('camel-%s/src/generated/resources/META-INF/io/cameltelemetry/%s/%s.json' % (name, name, name)))
    path = 'camel-%s/src/main/docs/%s-component.adoc' % (name, name)
    doc = open(path).read()

    def options(m):
        block = replace_table(m.group(0), 'Component Options', rows(model['componentProperties']))
        return replace_table(block, 'Endpoint Options', rows(model['properties']))

    doc, n = re.subn(r'// component options: START.*?// component options: END', options, doc, flags=re.S)
    if n != 1:
        raise SystemExit(path + ': no component options block')
    doc, n = re.subn(r'// component headers: START.*?// component headers: END',
                     lambda m: replace_table(m.group(0), 'Message Headers', header_rows(model['headers'])), doc, flags=re.S)
    if n != 1:
        raise SystemExit(path + ': no component headers block')
    open(path, 'w').write(doc)
    print('updated', path)


if __name__ == '__main__':
    for component in sys.argv[1:] or ['pylot', 'dcs', 'initialstate']:
        update(component)

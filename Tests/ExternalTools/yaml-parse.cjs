// Parses each file named on the command line with the `yaml` package (eemeli/yaml), the YAML
// 1.2 parser behind yaml-language-server, strictly: duplicate keys and every warning count.
// Prints one line per file: "ok PATH" or "error PATH: message".
const fs = require('fs');
const YAML = require(process.env.YAML_MODULE || 'yaml');
let failed = 0;
for (const path of process.argv.slice(2)) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(path, 'utf8'), { uniqueKeys: true, strict: true, prettyErrors: false });
  const problems = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    for (const e of doc.errors) problems.push(e.message.split('\n')[0]);
    for (const w of doc.warnings) problems.push('warning: ' + w.message.split('\n')[0]);
  }
  if (problems.length) { failed++; console.log(`error ${path}: ${problems[0]}`); } else console.log(`ok ${path}`);
}
process.exitCode = 0; // the caller compares each file's outcome with what is expected of it

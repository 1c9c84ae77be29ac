import ArgumentParser
import Topology

/// `--allow-path`, shared by the commands that load a topology (`validate`, `run`, `diagram`).
///
/// A topology may only name files (traces, empirical samples) inside its own folder: CI runs
/// topologies from pull requests, and one must not read `/etc/shadow` or `../secrets`. Each
/// `--allow-path` adds a folder (or file) it may name as well.
struct FileAccessOptions: ParsableArguments {
    @Option(
        name: .customLong("allow-path"),
        help: ArgumentHelp(
            "Also let the topology name files under this folder (or this file); repeatable. By default only files in the topology's own folder may be named.",
            valueName: "path"))
    var allowedPaths: [String] = []

    var loadOptions: LoadOptions {
        LoadOptions(fileAccess: FileAccess(allowedRoots: allowedPaths))
    }
}

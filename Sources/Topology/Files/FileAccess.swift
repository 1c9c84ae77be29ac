import Foundation

/// Which files a topology may name (arrival traces, empirical samples).
///
/// CI runs topologies from pull requests, so a topology must not be able to make archsim read
/// `/etc/shadow` or `../../secrets.env`: by default every file it names must resolve, after
/// `..` and symbolic links, to a regular file inside the topology file's own folder. Folders
/// (or single files) in `allowedRoots` are allowed as well; `archsim … --allow-path PATH`
/// adds one.
public struct FileAccess: Sendable, Hashable {
    /// Further folders or files whose contents a topology may name, absolute or relative to
    /// the working directory.
    public var allowedRoots: [String]

    public init(allowedRoots: [String] = []) {
        self.allowedRoots = allowedRoots
    }
}

/// Options of `TopologyLoader.load`.
public struct LoadOptions: Sendable {
    /// Which files outside the topology's folder it may name (none by default).
    public var fileAccess: FileAccess
    /// The folder that names in the topology are relative to. Default: the folder of the
    /// topology file (of `file` for `load(text:file:)`).
    public var directory: String?

    public init(fileAccess: FileAccess = FileAccess(), directory: String? = nil) {
        self.fileAccess = fileAccess
        self.directory = directory
    }
}

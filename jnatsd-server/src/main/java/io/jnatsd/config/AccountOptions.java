package io.jnatsd.config;

import java.util.List;

/** One account of the {@code accounts {}} block with its users, exports and imports. */
public record AccountOptions(String name, List<UserOptions> users, List<ExportOptions> exports, List<ImportOptions> imports) {
    public AccountOptions {
        users = List.copyOf(users);
        exports = List.copyOf(exports);
        imports = List.copyOf(imports);
    }
}

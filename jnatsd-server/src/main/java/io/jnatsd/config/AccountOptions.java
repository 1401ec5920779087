package io.jnatsd.config;

import java.util.List;

/** One account of the {@code accounts {}} block with its users, exports, imports and limits. */
public record AccountOptions(String name, List<UserOptions> users, List<ExportOptions> exports, List<ImportOptions> imports,
                             AccountLimitsOptions limits) {
    public AccountOptions {
        users = List.copyOf(users);
        exports = List.copyOf(exports);
        imports = List.copyOf(imports);
        limits = limits == null ? AccountLimitsOptions.NONE : limits;
    }

    public AccountOptions(String name, List<UserOptions> users, List<ExportOptions> exports, List<ImportOptions> imports) {
        this(name, users, exports, imports, AccountLimitsOptions.NONE);
    }
}

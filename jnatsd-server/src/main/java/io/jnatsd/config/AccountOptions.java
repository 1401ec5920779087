package io.jnatsd.config;

import java.util.List;

/** One account of the {@code accounts {}} block with its users, exports, imports, limits and subject mappings. */
public record AccountOptions(String name, List<UserOptions> users, List<ExportOptions> exports, List<ImportOptions> imports,
                             AccountLimitsOptions limits, List<MappingOptions> mappings) {
    public AccountOptions {
        users = List.copyOf(users);
        exports = List.copyOf(exports);
        imports = List.copyOf(imports);
        limits = limits == null ? AccountLimitsOptions.NONE : limits;
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
    }

    public AccountOptions(String name, List<UserOptions> users, List<ExportOptions> exports, List<ImportOptions> imports,
                          AccountLimitsOptions limits) {
        this(name, users, exports, imports, limits, List.of());
    }

    public AccountOptions(String name, List<UserOptions> users, List<ExportOptions> exports, List<ImportOptions> imports) {
        this(name, users, exports, imports, AccountLimitsOptions.NONE);
    }
}

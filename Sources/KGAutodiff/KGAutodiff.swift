// KGAutodiff: see ../shared/STYLE.md for this module's job. Its sources land with the issues that build it.

package dev.flowlens.core.validation;

/** Errors stop a run from starting; warnings are shown but do not. */
public enum Severity { ERROR, WARNING }

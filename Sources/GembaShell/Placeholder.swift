public enum GembaShellPlaceholder {}

public enum GembaWorkspacePlaceholder {}

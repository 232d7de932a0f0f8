def support_sections():
    return []

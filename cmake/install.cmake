# What `cmake --install` (hence the Debian package, debian/rules) puts where. The binaries
# built with GUICHET_PACKAGED=ON look for their data exactly here.
include(GNUInstallDirs)
install(TARGETS guichet guichetctl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Compiled translations, the default catalogue, the printer profiles, the alert rules.
install(DIRECTORY ${CMAKE_BINARY_DIR}/locale/ DESTINATION ${CMAKE_INSTALL_DATADIR}/guichet/locale)
install(DIRECTORY ${GUICHET_ROOT}/config/procedures/ DESTINATION ${CMAKE_INSTALL_DATADIR}/guichet/procedures)
install(DIRECTORY ${GUICHET_ROOT}/config/printers/ DESTINATION ${CMAKE_INSTALL_DATADIR}/guichet/printers
        PATTERN "README.md" EXCLUDE PATTERN "test-logo.png" EXCLUDE)
install(FILES ${GUICHET_ROOT}/packaging/prometheus/guichet-alerts.yml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/guichet/prometheus)
# Sample configuration (conffiles under /etc/guichet once packaged).
install(FILES ${GUICHET_ROOT}/packaging/etc/terminal.toml ${GUICHET_ROOT}/config/outbox.toml
              ${GUICHET_ROOT}/config/card.toml ${GUICHET_ROOT}/config/scanner.toml
        DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/guichet)

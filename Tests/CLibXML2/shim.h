// libxml2 for the tests only: the XML parser and the XSD validator the JUnit report is checked
// against (Tests/OptimlabGraderTests/Fixtures/Schemas/junit-10.xsd). No product links it.
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, and its encoding.h then includes the system's ICU headers,
// which clash with Foundation's own copy of ICU in the same test target (two `UErrorCode`s). The
// tests never touch a character encoding handler (only pointers to it), so its ICU fields are hidden.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

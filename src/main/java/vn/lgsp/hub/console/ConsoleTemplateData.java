package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;
import vn.lgsp.hub.access.Grant;
import vn.lgsp.hub.access.GrantStatus;
import vn.lgsp.hub.registry.Contact;
import vn.lgsp.hub.registry.Endpoint;
import vn.lgsp.hub.registry.InformationSystem;
import vn.lgsp.hub.registry.Scope;
import vn.lgsp.hub.registry.ServiceKind;
import vn.lgsp.hub.registry.ServiceStatus;
import vn.lgsp.hub.registry.SystemStatus;
import vn.lgsp.hub.registry.SharedService;

/** Lets the templates read the registry's records through generated resolvers rather than reflection. */
@TemplateData(target = InformationSystem.class)
@TemplateData(target = Contact.class)
@TemplateData(target = Endpoint.class)
@TemplateData(target = Endpoint.Auth.class)
@TemplateData(target = SharedService.class)
@TemplateData(target = SharedService.DocumentInfo.class)
@TemplateData(target = Grant.class)
@TemplateData(target = GrantStatus.class)
@TemplateData(target = SystemStatus.class)
@TemplateData(target = Scope.class)
@TemplateData(target = ServiceStatus.class)
@TemplateData(target = ServiceKind.class)
final class ConsoleTemplateData {

    private ConsoleTemplateData() {
    }
}

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="es_MX">
<context>
    <name>ActionDialog</name>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Cerrar</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
</context>
<context>
    <name>AddMemberDialog</name>
    <message>
        <source>Agregar miembro</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>Agregar</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Usuario</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Rol</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>¿No está en la lista? Créalo primero en la página Usuarios.</source>
        <translation>Not on the list? Create them first on the Users page.</translation>
    </message>
    <message>
        <source>&amp;Usuario</source>
        <translation>&amp;User</translation>
    </message>
    <message>
        <source>&amp;Rol</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <source>No hay usuarios por agregar.</source>
        <translation type="vanished">There are no users to add.</translation>
    </message>
</context>
<context>
    <name>AppShell</name>
    <message>
        <source>No se pudo abrir la base de datos local ({path}): {reason}.</source>
        <translation>The local database could not be opened ({path}): {reason}.</translation>
    </message>
    <message>
        <source>No se pudo usar la carpeta de datos {path}: {reason}.</source>
        <translation>The data folder {path} could not be used: {reason}.</translation>
    </message>
    <message>
        <source>Faltan los catálogos del SAT que vienen con Mostrador (la instalación está incompleta). Reinstala Mostrador. Detalle: {detail}</source>
        <translation>The SAT catalogs that come with Mostrador are missing (the installation is incomplete). Reinstall Mostrador. Detail: {detail}</translation>
    </message>
    <message>
        <source>Mostrador no puede escribir en su carpeta de datos ({path}). Revisa los permisos de la carpeta o elige otra con --data-dir.</source>
        <extracomment>Each page&apos;s module and class, in navigation order: `page_loaders()` imports a page&apos;s module when the page is first shown (tests/ui/test_startup_frame.py keeps it equal to `page_classes()`, whose explicit imports are also what PyInstaller follows). Qt-free modules the shell and the first page need (pydantic, the API&apos;s models, httpx, the sender, the sale and fiscal rules: about half a second of imports on a slow till). `run_gui` imports them on a thread right after the first paint, while the GUI thread reads the configuration and opens the database, so no step of the start freezes the window for that long. Nothing below `desktop.ui` imports Qt (ruff TID251 and import-linter say so), so these are safe off the GUI thread. A name missing here only costs speed: the real import follows. Qt modules the counter page imports, biggest first: imported one per turn of the event loop before the counter&apos;s own module, so no single step holds the window for their sum. Only speed depends on this list: a module missing from it is imported by the page as usual.</extracomment>
        <translation>Mostrador cannot write to its data folder ({path}). Check the folder&apos;s permissions or choose another one with --data-dir.</translation>
    </message>
    <message>
        <source>Mostrador se cerrará. Nada de lo guardado se perdió.</source>
        <translation>Mostrador will close. Nothing that was saved was lost.</translation>
    </message>
</context>
<context>
    <name>CancelInvoiceDialog</name>
    <message>
        <source>Cancelar factura</source>
        <translation>Cancel invoice</translation>
    </message>
    <message>
        <source>Cancelar ante el SAT</source>
        <translation>Cancel with the SAT</translation>
    </message>
    <message>
        <source>No, volver</source>
        <translation>No, go back</translation>
    </message>
    <message>
        <source>Cancelar la factura {folio} por {total} de {client} la anula ante el SAT: deja de valer como comprobante y el cliente ya no podrá deducirla. El cobro NO se devuelve ni se cancela con esto. Si el cliente necesita otra factura, emítela primero y cancela esta con el motivo 01. No se puede deshacer.</source>
        <translation>Cancelling invoice {folio} for {total} to {client} voids it with the SAT: it stops being a valid receipt and the customer can no longer deduct it. The payment is NOT refunded or cancelled by this. If the customer needs another invoice, issue it first and cancel this one with reason 01. This cannot be undone.</translation>
    </message>
    <message>
        <source>Motivo de cancelación</source>
        <translation>Cancellation reason</translation>
    </message>
    <message>
        <source>Folio fiscal de la factura que la sustituye</source>
        <translation>Fiscal folio of the replacing invoice</translation>
    </message>
    <message>
        <source>&amp;Motivo</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>&amp;Sustituida por</source>
        <translation>&amp;Replaced by</translation>
    </message>
    <message>
        <source>El motivo 01 necesita el folio fiscal (UUID) de la factura que sustituye a esta.</source>
        <translation>Reason 01 needs the fiscal folio (UUID) of the invoice that replaces this one.</translation>
    </message>
    <message>
        <source>El folio fiscal tiene la forma xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.</source>
        <translation>The fiscal folio looks like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.</translation>
    </message>
    <message>
        <source>Una factura no puede sustituirse a sí misma.</source>
        <translation>An invoice cannot replace itself.</translation>
    </message>
</context>
<context>
    <name>CancelPaymentDialog</name>
    <message>
        <source>Cancelar pago</source>
        <translation>Cancel payment</translation>
    </message>
    <message>
        <source>Sí, cancelar el pago</source>
        <translation>Yes, cancel the payment</translation>
    </message>
    <message>
        <source>¿Cancelar el pago {folio} por {total}? Esta acción se registra en gigstack y no se puede deshacer.</source>
        <translation>Cancel payment {folio} for {total}? This is recorded in gigstack and cannot be undone.</translation>
    </message>
    <message>
        <source>No, volver</source>
        <translation>No, go back</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Precio (IVA incl.)</source>
        <translation>Price (VAT incl.)</translation>
    </message>
    <message>
        <source>Importe</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Precio modificado (lista: {price})</source>
        <translation>Price changed (list: {price})</translation>
    </message>
    <message>
        <source>Línea {n}: {message}</source>
        <translation>Line {n}: {message}</translation>
    </message>
</context>
<context>
    <name>CashMoveDialog</name>
    <message>
        <source>&amp;Importe</source>
        <translation>&amp;Amount</translation>
    </message>
    <message>
        <source>&amp;Motivo</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>Efectivo esperado en caja: {cash}</source>
        <translation>Cash expected in the drawer: {cash}</translation>
    </message>
    <message>
        <source>Ej. cambio del banco</source>
        <translation>E.g. change from the bank</translation>
    </message>
    <message>
        <source>Ej. pago al proveedor, retiro a caja fuerte</source>
        <translation>E.g. supplier payment, drop to the safe</translation>
    </message>
    <message>
        <source>Entrada de efectivo</source>
        <translation>Cash in</translation>
    </message>
    <message>
        <source>Escribe el motivo.</source>
        <translation>Write the reason.</translation>
    </message>
    <message>
        <source>Importe</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>No puede salir más efectivo del que debe haber en caja ({cash}).</source>
        <translation>You cannot take out more cash than the drawer should hold ({cash}).</translation>
    </message>
    <message>
        <source>Registrar</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Salida de efectivo</source>
        <translation>Cash out</translation>
    </message>
</context>
<context>
    <name>ChargePanel</name>
    <message>
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>Total a cobrar</source>
        <translation>Total to charge</translation>
    </message>
    <message>
        <source>Cambio a entregar</source>
        <translation>Change to give</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>&amp;Efectivo</source>
        <translation>&amp;Cash</translation>
    </message>
    <message>
        <source>Tarjeta de &amp;crédito</source>
        <translation>C&amp;redit card</translation>
    </message>
    <message>
        <source>Tarjeta de &amp;débito</source>
        <translation>&amp;Debit card</translation>
    </message>
    <message>
        <source>&amp;Transferencia</source>
        <translation>&amp;Transfer</translation>
    </message>
    <message>
        <source>Otra forma de pago</source>
        <translation>Other payment method</translation>
    </message>
    <message>
        <source>Otra forma de pago…</source>
        <translation>Other payment method…</translation>
    </message>
    <message>
        <source>&amp;Recibido</source>
        <translation>&amp;Received</translation>
    </message>
    <message>
        <source>Importe recibido en efectivo</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <source>exacto</source>
        <translation>exact</translation>
    </message>
    <message>
        <source>Efectivo recibido (Alt+R). Vacío = importe exacto. Enter cobra.</source>
        <translation>Cash received (Alt+R). Empty = exact amount. Enter charges.</translation>
    </message>
    <message>
        <source>Cambio</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>&amp;Facturar a este cliente</source>
        <translation>&amp;Invoice this client</translation>
    </message>
    <message>
        <source>gigstack timbra la factura al registrar el pago (Alt+F)</source>
        <translation>gigstack stamps the invoice when the payment is registered (Alt+F)</translation>
    </message>
    <message>
        <source>Comprobante de la venta</source>
        <translation>Fiscal document of the sale</translation>
    </message>
    <message>
        <source>Cobrar (F12)</source>
        <translation>Charge (F12)</translation>
    </message>
    <message>
        <source>Registrar el pago (F12 o Enter)</source>
        <translation>Register the payment (F12 or Enter)</translation>
    </message>
    <message>
        <source>Cambio&lt;br&gt;&lt;b&gt;{amount}&lt;/b&gt;</source>
        <translation>Change&lt;br&gt;&lt;b&gt;{amount}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>importe no válido</source>
        <translation>invalid amount</translation>
    </message>
    <message>
        <source>faltan {amount}</source>
        <translation>{amount} short</translation>
    </message>
    <message>
        <source>Cambia al elegir cliente o marcar «Facturar».</source>
        <translation>Changes when you pick a client or tick “Invoice”.</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>razón social</source>
        <translation>legal name</translation>
    </message>
    <message>
        <source>régimen fiscal</source>
        <translation>tax regime</translation>
    </message>
    <message>
        <source>código postal</source>
        <translation>postal code</translation>
    </message>
    <message>
        <source>&lt;b&gt;Factura&lt;/b&gt; a {name}: gigstack la timbra al registrar el pago.</source>
        <translation>&lt;b&gt;Invoice&lt;/b&gt; to {name}: gigstack stamps it when the payment is registered.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sin comprobante fiscal&lt;/b&gt; (así lo indica la configuración de la tienda).</source>
        <translation>&lt;b&gt;No fiscal document&lt;/b&gt; (as the shop&apos;s settings say).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recibo con QR «Factura tu compra»&lt;/b&gt;. Público en general no se factura: el cliente se factura con el QR del ticket, o elígelo (F2) para facturarle.</source>
        <translation>&lt;b&gt;Receipt with the “Invoice your purchase” QR&lt;/b&gt;. The general public is not invoiced: the customer invoices themselves with the ticket&apos;s QR, or pick them (F2) to invoice them.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recibo con QR «Factura tu compra»&lt;/b&gt;. Público en general no se factura a nombre del cliente: con el QR del ticket se factura él mismo con su RFC. O elige al cliente (F2) para facturarle aquí.</source>
        <translation type="vanished">&lt;b&gt;Receipt with the “Invoice your purchase” QR&lt;/b&gt;. A sale to the general public is not invoiced in the customer&apos;s name: with the ticket&apos;s QR they invoice themselves with their RFC. Or pick the client (F2) to invoice them here.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recibo con QR de autofactura&lt;/b&gt;: a {name} le falta {missing} para facturarle aquí.</source>
        <translation>&lt;b&gt;Receipt with a self-invoice QR&lt;/b&gt;: {name} lacks {missing} to be invoiced here.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recibo con QR de autofactura&lt;/b&gt;. Marca «Facturar» para timbrar la factura a {name} ahora.</source>
        <translation>&lt;b&gt;Receipt with a self-invoice QR&lt;/b&gt;. Tick “Invoice” to stamp the invoice to {name} now.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recibo con QR «Factura tu compra»&lt;/b&gt;: el cliente puede facturarse con su RFC.</source>
        <translation>&lt;b&gt;Receipt with the “Invoice your purchase” QR&lt;/b&gt;: the customer can invoice themselves with their RFC.</translation>
    </message>
</context>
<context>
    <name>Checkout</name>
    <message>
        <source>Agrega al menos un artículo antes de cobrar.</source>
        <translation>Add at least one item before charging.</translation>
    </message>
    <message>
        <source>Recibido {received} es menos que el total {total}.</source>
        <translation>Received {received} is less than the total {total}.</translation>
    </message>
    <message>
        <source>La venta NO se guardó: {reason} No cobres hasta poder guardarla.</source>
        <translation>The sale was NOT saved: {reason} Do not charge until it can be saved.</translation>
    </message>
    <message>
        <source>Línea {n}: {message}</source>
        <translation>Line {n}: {message}</translation>
    </message>
    <message>
        <source>Registrado en gigstack</source>
        <translation>Registered in gigstack</translation>
    </message>
    <message>
        <source>gigstack no aceptó la venta: revísala en la Cola</source>
        <translation>gigstack did not accept the sale: check it in the Queue</translation>
    </message>
    <message>
        <source> («{reason}»)</source>
        <translation> (“{reason}”)</translation>
    </message>
    <message>
        <source>En cola: se enviará al volver la conexión</source>
        <translation>Queued: it will be sent when the connection returns</translation>
    </message>
    <message>
        <source>Venta guardada; enviando a gigstack…</source>
        <translation>Sale saved; sending to gigstack…</translation>
    </message>
    <message>
        <source> · folio {folio}</source>
        <translation> · folio {folio}</translation>
    </message>
    <message>
        <source> · cambio {change}</source>
        <translation> · change {change}</translation>
    </message>
</context>
<context>
    <name>ClientBox</name>
    <message>
        <source>Buscar cliente por nombre, RFC o correo</source>
        <translation type="vanished">Search customer by name, RFC or email</translation>
    </message>
    <message>
        <source>Buscar cliente</source>
        <translation>Search customer</translation>
    </message>
    <message>
        <source>Cliente (F2). Flechas para elegir, Enter para usar.</source>
        <translation>Customer (F2). Arrows to choose, Enter to use.</translation>
    </message>
    <message>
        <source>Nuevo cliente</source>
        <translation type="vanished">New customer</translation>
    </message>
    <message>
        <source>Buscar cliente por nombre, RFC o correo  (F2)</source>
        <translation>Search client by name, RFC or email  (F2)</translation>
    </message>
    <message>
        <source>Nuevo cliente (Ctrl+N)</source>
        <translation>New client (Ctrl+N)</translation>
    </message>
    <message>
        <source>Crear un cliente para esta venta (Ctrl+N)</source>
        <translation>Create a customer for this sale (Ctrl+N)</translation>
    </message>
    <message>
        <source>Público en general</source>
        <translation>General public</translation>
    </message>
    <message>
        <source>Volver a «Público en general»</source>
        <translation>Back to «General public»</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>(sin nombre)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>régimen {code}</source>
        <translation>tax regime {code}</translation>
    </message>
    <message>
        <source>uso {code}</source>
        <translation>CFDI use {code}</translation>
    </message>
    <message>
        <source>(nuevo: se registra con la venta)</source>
        <translation>(new: registered with the sale)</translation>
    </message>
    <message>
        <source>  (nuevo)</source>
        <translation>  (new)</translation>
    </message>
    <message>
        <source>Ningún cliente coincide con «{text}». Ctrl+N para crearlo.</source>
        <translation>No customer matches «{text}». Ctrl+N to create one.</translation>
    </message>
    <message>
        <source>Usar en la venta</source>
        <translation>Use in the sale</translation>
    </message>
</context>
<context>
    <name>ClientDialog</name>
    <message>
        <source>Editar cliente</source>
        <translation>Edit client</translation>
    </message>
    <message>
        <source>Nuevo cliente</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Como lo conoces en el mostrador</source>
        <translation>How you know them at the counter</translation>
    </message>
    <message>
        <source>Razón social</source>
        <translation>Legal name</translation>
    </message>
    <message>
        <source>Igual que en su Constancia (opcional)</source>
        <translation type="vanished">As on their tax certificate (optional)</translation>
    </message>
    <message>
        <source>Como en su Constancia, sin régimen (necesaria para facturar)</source>
        <translation>As on their tax certificate, without the regime (needed to invoice)</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>12 caracteres (moral) o 13 (física)</source>
        <translation>12 characters (company) or 13 (individual)</translation>
    </message>
    <message>
        <source>Usar de todos modos</source>
        <translation>Use anyway</translation>
    </message>
    <message>
        <source>Úsalo si la Constancia de Situación Fiscal confirma este RFC</source>
        <translation>Use it if the tax certificate (Constancia de Situación Fiscal) confirms this RFC</translation>
    </message>
    <message>
        <source>Régimen fiscal</source>
        <translation>Tax regime</translation>
    </message>
    <message>
        <source>Uso del CFDI</source>
        <translation>CFDI use</translation>
    </message>
    <message>
        <source>Código postal</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>5 dígitos, p. ej. 06600</source>
        <translation>5 digits, e.g. 06600</translation>
    </message>
    <message>
        <source>Correo</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Para enviarle sus facturas</source>
        <translation>To send them their invoices</translation>
    </message>
    <message>
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>&amp;Nombre</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>Ra&amp;zón social</source>
        <translation>&amp;Legal name</translation>
    </message>
    <message>
        <source>&amp;RFC</source>
        <translation>&amp;RFC</translation>
    </message>
    <message>
        <source>Ré&amp;gimen fiscal</source>
        <translation>Tax re&amp;gime</translation>
    </message>
    <message>
        <source>&amp;Uso del CFDI</source>
        <translation>CFDI &amp;use</translation>
    </message>
    <message>
        <source>Código &amp;postal</source>
        <translation>Postal &amp;code</translation>
    </message>
    <message>
        <source>&amp;Correo</source>
        <translation>&amp;Email</translation>
    </message>
    <message>
        <source>&amp;Teléfono</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Guardar (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cerrar sin guardar (Esc)</source>
        <translation>Close without saving (Esc)</translation>
    </message>
    <message>
        <source>Elige el régimen…</source>
        <translation>Choose the regime…</translation>
    </message>
    <message>
        <source>Elige el uso…</source>
        <translation>Choose the use…</translation>
    </message>
    <message>
        <source>Vacío no borra este dato en gigstack: seguiría «{0}». Escribe el dato correcto o cancela.</source>
        <translation>Empty does not erase this in gigstack: “{0}” would stay. Type the right value or cancel.</translation>
    </message>
    <message>
        <source>Para el RFC genérico usa «Público en general» (no hace falta crearlo).</source>
        <translation type="vanished">For the generic RFC use “General public” (no need to create it).</translation>
    </message>
    <message>
        <source>El código postal «{0}» no está en el catálogo del SAT.</source>
        <translation type="vanished">Postal code “{0}” is not in the SAT catalog.</translation>
    </message>
    <message>
        <source>El correo «{0}» no parece válido (ejemplo: nombre@dominio.mx).</source>
        <translation type="vanished">The email “{0}” does not look valid (example: name@domain.mx).</translation>
    </message>
    <message>
        <source>Escribe el nombre del cliente.</source>
        <translation type="vanished">Type the client&apos;s name.</translation>
    </message>
    <message>
        <source>Escribe el RFC del cliente (necesario para la venta).</source>
        <translation type="vanished">Type the client&apos;s RFC (needed for the sale).</translation>
    </message>
    <message>
        <source>Elige el régimen fiscal (necesario para facturar).</source>
        <translation type="vanished">Choose the tax regime (needed to invoice).</translation>
    </message>
    <message>
        <source>Elige el uso del CFDI.</source>
        <translation type="vanished">Choose the CFDI use.</translation>
    </message>
    <message>
        <source>Escribe el código postal de su Constancia (necesario para facturar).</source>
        <translation type="vanished">Type the postal code from their tax certificate (needed to invoice).</translation>
    </message>
    <message>
        <source>No se pudo guardar: {0}</source>
        <translation>Could not save: {0}</translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <source>EFOS</source>
        <translation>EFOS</translation>
    </message>
    <message>
        <source>Válido</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Datos por revisar</source>
        <translation>Data to review</translation>
    </message>
    <message>
        <source>Guardado en esta caja; se enviará a gigstack en cuanto haya conexión.</source>
        <translation>Saved on this till; it will be sent to gigstack as soon as there is a connection.</translation>
    </message>
    <message>
        <source>Buscar clientes</source>
        <translation>Search clients</translation>
    </message>
    <message>
        <source>Buscar por nombre, RFC o correo…  (Ctrl+F)</source>
        <translation>Search by name, RFC or email…  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Clientes</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Nuevo</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Nuevo cliente</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>Editar</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Editar cliente</source>
        <translation>Edit client</translation>
    </message>
    <message>
        <source>Eliminar</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Eliminar cliente (necesita conexión)</source>
        <translation>Delete client (needs a connection)</translation>
    </message>
    <message>
        <source>Validar datos fiscales</source>
        <translation>Validate tax data</translation>
    </message>
    <message>
        <source>Copiar enlace del portal</source>
        <translation>Copy portal link</translation>
    </message>
    <message>
        <source>Timbrar recibos pendientes</source>
        <translation>Stamp pending receipts</translation>
    </message>
    <message>
        <source>Más…</source>
        <translation>More…</translation>
    </message>
    <message>
        <source>Acciones del cliente</source>
        <translation>Client actions</translation>
    </message>
    <message>
        <source>Validar datos fiscales (Ctrl+Shift+V), copiar enlace del portal (Ctrl+Shift+L), timbrar recibos pendientes (Ctrl+Shift+T); también con clic derecho</source>
        <translation type="vanished">Validate tax data (Ctrl+Shift+V), copy portal link (Ctrl+Shift+L), stamp pending receipts (Ctrl+Shift+T); also with right click</translation>
    </message>
    <message>
        <source>Validar datos fiscales (Ctrl+Shift+V), copiar enlace del portal (Ctrl+Shift+L), timbrar recibos pendientes (Ctrl+Shift+T), actualizar desde gigstack (Mayús+F5); también con clic derecho</source>
        <translation>Validate tax data (Ctrl+Shift+V), copy the portal link (Ctrl+Shift+L), stamp pending receipts (Ctrl+Shift+T), update from gigstack (Shift+F5); also with a right click</translation>
    </message>
    <message>
        <source>Buscar</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>Régimen</source>
        <translation>Regime</translation>
    </message>
    <message>
        <source>Correo</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>CP</source>
        <translation>ZIP</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Selecciona un cliente para editarlo.</source>
        <translation>Select a client to edit it.</translation>
    </message>
    <message>
        <source>Este cliente aún no se envía a gigstack; podrás editarlo cuando se envíe (o corrígelo en la Cola si quedó detenido).</source>
        <translation>This client has not been sent to gigstack yet; you can edit it once it is sent (or fix it in the Queue if it was held).</translation>
    </message>
    <message>
        <source>Cliente «{0}» guardado; pendiente de enviar a gigstack.</source>
        <translation>Client “{0}” saved; waiting to be sent to gigstack.</translation>
    </message>
    <message>
        <source>eliminarlo</source>
        <translation>delete it</translation>
    </message>
    <message>
        <source>eliminar un cliente</source>
        <translation>delete a client</translation>
    </message>
    <message>
        <source>Eliminar cliente</source>
        <translation>Delete client</translation>
    </message>
    <message>
        <source>¿Eliminar a «{0}» de gigstack? Esta acción no se puede deshacer.</source>
        <translation>Delete “{0}” from gigstack? This cannot be undone.</translation>
    </message>
    <message>
        <source>Cliente «{0}» eliminado.</source>
        <translation>Client “{0}” deleted.</translation>
    </message>
    <message>
        <source>eliminar el cliente</source>
        <translation>delete the client</translation>
    </message>
    <message>
        <source>validar los datos fiscales</source>
        <translation>validate the tax data</translation>
    </message>
    <message>
        <source>Atención: el RFC aparece en la lista EFOS del SAT.</source>
        <translation>Warning: the RFC appears on the SAT EFOS list.</translation>
    </message>
    <message>
        <source>El SAT no confirmó los datos fiscales; revísalos.</source>
        <translation>The SAT did not confirm the tax data; check it.</translation>
    </message>
    <message>
        <source>Datos fiscales válidos.</source>
        <translation>Tax data is valid.</translation>
    </message>
    <message>
        <source>el enlace del portal</source>
        <translation>the portal link</translation>
    </message>
    <message>
        <source>gigstack no devolvió un enlace del portal.</source>
        <translation>gigstack did not return a portal link.</translation>
    </message>
    <message>
        <source>Enlace del portal copiado al portapapeles: {0}</source>
        <translation>Portal link copied to the clipboard: {0}</translation>
    </message>
    <message>
        <source>timbrar los recibos pendientes</source>
        <translation>stamp the pending receipts</translation>
    </message>
    <message>
        <source>Recibos timbrados: {0}; fallidos: {1}; quedan: {2}.</source>
        <translation>Receipts stamped: {0}; failed: {1}; remaining: {2}.</translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <source>&amp;Nota</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>+{d} (sobra)</source>
        <translation>+{d} (over)</translation>
    </message>
    <message>
        <source>Cerrar turno</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <source>Cerrar turno (corte Z)</source>
        <translation>Close shift (Z report)</translation>
    </message>
    <message>
        <source>Turno {shift} · 1 venta · vendido {gross} · neto {net}</source>
        <translation>Shift {shift} · 1 sale · sold {gross} · net {net}</translation>
    </message>
    <message>
        <source>Turno {shift} · {n} ventas · vendido {gross} · neto {net}</source>
        <translation>Shift {shift} · {n} sales · sold {gross} · net {net}</translation>
    </message>
    <message>
        <source>1 venta por {total} sigue en la cola: cuenta en el corte aunque aún no llegue a gigstack.</source>
        <translation>1 sale for {total} is still queued: it counts in the close even though it has not reached gigstack yet.</translation>
    </message>
    <message>
        <source>Cierra</source>
        <translation>Closed by</translation>
    </message>
    <message>
        <source>Contado</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>Contado en {form}</source>
        <translation>Counted in {form}</translation>
    </message>
    <message>
        <source>Cuenta el efectivo de la caja y escríbelo.</source>
        <translation>Count the cash in the drawer and type it.</translation>
    </message>
    <message>
        <source>Diferencia</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>Esperado</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment form</translation>
    </message>
    <message>
        <source>Imprimir el corte Z al cerrar</source>
        <translation>Print the Z report when closing</translation>
    </message>
    <message>
        <source>Nota del cierre</source>
        <translation>Closing note</translation>
    </message>
    <message>
        <source>Opcional: por qué falta o sobra</source>
        <translation>Optional: why it is short or over</translation>
    </message>
    <message>
        <source>Quién cierra</source>
        <translation>Closed by</translation>
    </message>
    <message>
        <source>Turno {n} · {sales} ventas · vendido {gross} · neto {net}</source>
        <translation type="vanished">Shift {n} · {sales} sales · sold {gross} · net {net}</translation>
    </message>
    <message>
        <source>obligatorio</source>
        <translation>required</translation>
    </message>
    <message>
        <source>opcional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>{d} (cuadra)</source>
        <translation>{d} (balanced)</translation>
    </message>
    <message>
        <source>{d} (falta)</source>
        <translation>{d} (short)</translation>
    </message>
    <message>
        <source>{n} ventas por {total} siguen en la cola: cuentan en el corte aunque aún no lleguen a gigstack.</source>
        <translation>{n} sales for {total} are still queued: they count in the close even though gigstack does not have them yet.</translation>
    </message>
    <message>
        <source>Volver sin cerrar</source>
        <translation>Back without closing</translation>
    </message>
</context>
<context>
    <name>CodeEntry</name>
    <message>
        <source>Código de barras, SKU o nombre · 3*código para 3 piezas</source>
        <extracomment>How many services a search by name offers. The longest the GUI thread spends indexing services before it lets events in. Services indexed between two looks at the clock.</extracomment>
        <translation>Barcode, SKU or name · 3*code for 3 pieces</translation>
    </message>
    <message>
        <source>Código o nombre del artículo</source>
        <translation>Item code or name</translation>
    </message>
    <message>
        <source>Artículo (F3): escanea o escribe y Enter. «3*» antes del código = 3 piezas.</source>
        <translation>Item (F3): scan or type and press Enter. «3*» before the code = 3 pieces.</translation>
    </message>
    <message>
        <source>Artículo</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>en cola</source>
        <translation>queued</translation>
    </message>
    <message>
        <source>No pudimos leer los artículos guardados: {error}</source>
        <translation>We could not read the saved items: {error}</translation>
    </message>
    <message>
        <source>Aún no hay artículos en este equipo: espera a que se descarguen.</source>
        <translation>There are no items on this computer yet: wait for them to download.</translation>
    </message>
    <message>
        <source>No encontramos el código «{code}».</source>
        <translation>Code «{code}» was not found.</translation>
    </message>
</context>
<context>
    <name>CounterDraft</name>
    <message>
        <source>Se recuperó la venta en curso</source>
        <translation>The sale in progress was recovered</translation>
    </message>
    <message>
        <source>La venta en curso no se pudo guardar en este equipo ({reason}); sigue en pantalla: cóbrala antes de cerrar Mostrador.</source>
        <translation>The sale in progress could not be saved on this computer ({reason}); it is still on screen: charge it before closing Mostrador.</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <source>Buscar cliente por nombre, RFC o correo</source>
        <translation type="vanished">Search client by name, RFC or email</translation>
    </message>
    <message>
        <source>Buscar cliente</source>
        <translation type="vanished">Search client</translation>
    </message>
    <message>
        <source>Cliente (F2). Flechas para elegir, Enter para usar.</source>
        <translation type="vanished">Client (F2). Arrows to choose, Enter to use.</translation>
    </message>
    <message>
        <source>Nuevo cliente</source>
        <translation type="vanished">New client</translation>
    </message>
    <message>
        <source>Crear un cliente para esta venta (Ctrl+N)</source>
        <translation type="vanished">Create a client for this sale (Ctrl+N)</translation>
    </message>
    <message>
        <source>Público en general</source>
        <translation type="vanished">General public</translation>
    </message>
    <message>
        <source>Volver a «Público en general»</source>
        <translation type="vanished">Back to “General public”</translation>
    </message>
    <message>
        <source>Código de barras, SKU o nombre · 3*código para 3 piezas</source>
        <translation type="vanished">Barcode, SKU or name · 3*code for 3 pieces</translation>
    </message>
    <message>
        <source>Código o nombre del artículo</source>
        <translation type="vanished">Item code or name</translation>
    </message>
    <message>
        <source>Artículo (F3): escanea o escribe y Enter. «3*» antes del código = 3 piezas.</source>
        <translation type="vanished">Item (F3): scan or type and press Enter. “3*” before the code = 3 pieces.</translation>
    </message>
    <message>
        <source>Artículos de la venta</source>
        <translation type="vanished">Items in this sale</translation>
    </message>
    <message>
        <source>Artículos (F4): escribe para cambiar cantidad o precio, Supr quita la línea.</source>
        <translation type="vanished">Items (F4): type to change quantity or price, Del removes the line.</translation>
    </message>
    <message>
        <source>Quitar línea</source>
        <translation type="vanished">Remove line</translation>
    </message>
    <message>
        <source>Quitar la línea seleccionada (Supr)</source>
        <translation type="vanished">Remove the selected line (Del)</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation type="vanished">Client</translation>
    </message>
    <message>
        <source>Artículo</source>
        <translation type="vanished">Item</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation type="vanished">TOTAL</translation>
    </message>
    <message>
        <source>Total a cobrar</source>
        <translation type="vanished">Total to charge</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation type="vanished">Payment method</translation>
    </message>
    <message>
        <source>&amp;Efectivo</source>
        <translation type="vanished">&amp;Cash</translation>
    </message>
    <message>
        <source>Tarjeta de &amp;crédito</source>
        <translation type="vanished">C&amp;redit card</translation>
    </message>
    <message>
        <source>Tarjeta de &amp;débito</source>
        <translation type="vanished">&amp;Debit card</translation>
    </message>
    <message>
        <source>&amp;Transferencia</source>
        <translation type="vanished">&amp;Transfer</translation>
    </message>
    <message>
        <source>Otra forma de pago</source>
        <translation type="vanished">Other payment method</translation>
    </message>
    <message>
        <source>Otra forma de pago…</source>
        <translation type="vanished">Other payment method…</translation>
    </message>
    <message>
        <source>&amp;Recibido</source>
        <translation type="vanished">&amp;Received</translation>
    </message>
    <message>
        <source>Importe recibido en efectivo</source>
        <translation type="vanished">Cash received</translation>
    </message>
    <message>
        <source>exacto</source>
        <translation type="vanished">exact</translation>
    </message>
    <message>
        <source>Efectivo recibido (Alt+R). Vacío = importe exacto. Enter cobra.</source>
        <translation type="vanished">Cash received (Alt+R). Empty = exact amount. Enter charges.</translation>
    </message>
    <message>
        <source>Cambio</source>
        <translation type="vanished">Change</translation>
    </message>
    <message>
        <source>&amp;Facturar ahora (PUE)</source>
        <translation type="vanished">&amp;Invoice now (PUE)</translation>
    </message>
    <message>
        <source>gigstack timbra la factura al registrar el pago (Alt+F)</source>
        <translation type="vanished">gigstack stamps the invoice when the payment is registered (Alt+F)</translation>
    </message>
    <message>
        <source>Cobrar (F12)</source>
        <translation type="vanished">Charge (F12)</translation>
    </message>
    <message>
        <source>Registrar el pago (F12 o Enter)</source>
        <translation type="vanished">Register the payment (F12 or Enter)</translation>
    </message>
    <message>
        <source>Imprimir ticket</source>
        <translation type="vanished">Print receipt</translation>
    </message>
    <message>
        <source>Imprimir el ticket de la última venta (Ctrl+P)</source>
        <translation type="vanished">Print the receipt of the last sale (Ctrl+P)</translation>
    </message>
    <message>
        <source>Guardar PDF</source>
        <translation type="vanished">Save PDF</translation>
    </message>
    <message>
        <source>Guardar el ticket de la última venta como PDF</source>
        <translation type="vanished">Save the receipt of the last sale as PDF</translation>
    </message>
    <message>
        <source>Registrado en gigstack</source>
        <translation type="vanished">Registered in gigstack</translation>
    </message>
    <message>
        <source>gigstack no aceptó la venta: revísala en la Cola</source>
        <translation type="vanished">gigstack did not accept the sale: check it in the Queue</translation>
    </message>
    <message>
        <source>Venta guardada; enviando a gigstack…</source>
        <translation type="vanished">Sale saved; sending to gigstack…</translation>
    </message>
    <message>
        <source>(sin nombre)</source>
        <translation type="vanished">(no name)</translation>
    </message>
    <message>
        <source>régimen {code}</source>
        <translation type="vanished">regime {code}</translation>
    </message>
    <message>
        <source>uso {code}</source>
        <translation type="vanished">use {code}</translation>
    </message>
    <message>
        <source>(nuevo: se registra con la venta)</source>
        <translation type="vanished">(new: registered with the sale)</translation>
    </message>
    <message>
        <source>  (nuevo)</source>
        <translation type="vanished">  (new)</translation>
    </message>
    <message>
        <source>Ningún cliente coincide con «{text}». Ctrl+N para crearlo.</source>
        <translation type="vanished">No client matches “{text}”. Ctrl+N to create it.</translation>
    </message>
    <message>
        <source>Usar en la venta</source>
        <translation type="vanished">Use in the sale</translation>
    </message>
    <message>
        <source>Aún no hay artículos en este equipo: espera a que se descarguen.</source>
        <translation type="vanished">There are no items on this computer yet: wait for them to download.</translation>
    </message>
    <message>
        <source>No encontramos el código «{code}».</source>
        <translation type="vanished">We could not find the code “{code}”.</translation>
    </message>
    <message>
        <source>{lines} líneas · {pieces} piezas</source>
        <translation type="vanished">{lines} lines · {pieces} pieces</translation>
    </message>
    <message>
        <source>Sin artículos: escanea o escribe un código (F3)</source>
        <translation type="vanished">No items: scan or type a code (F3)</translation>
    </message>
    <message>
        <source>importe no válido</source>
        <translation type="vanished">invalid amount</translation>
    </message>
    <message>
        <source>faltan {amount}</source>
        <translation type="vanished">{amount} short</translation>
    </message>
    <message>
        <source>Agrega al menos un artículo antes de cobrar.</source>
        <translation type="vanished">Add at least one item before charging.</translation>
    </message>
    <message>
        <source>Escribe el importe recibido.</source>
        <translation type="vanished">Type the amount received.</translation>
    </message>
    <message>
        <source>Recibido {received} es menos que el total {total}.</source>
        <translation type="vanished">Received {received} is less than the total {total}.</translation>
    </message>
    <message>
        <source>En cola: se enviará al volver la conexión</source>
        <translation type="vanished">Queued: it will be sent when the connection is back</translation>
    </message>
    <message>
        <source> · folio {folio}</source>
        <translation type="vanished"> · folio {folio}</translation>
    </message>
    <message>
        <source> · cambio {change}</source>
        <translation type="vanished"> · change {change}</translation>
    </message>
    <message>
        <source>1 línea</source>
        <translation type="vanished">1 line</translation>
    </message>
    <message>
        <source>{n} líneas</source>
        <translation type="vanished">{n} lines</translation>
    </message>
    <message>
        <source>1 pieza</source>
        <translation type="vanished">1 piece</translation>
    </message>
    <message>
        <source>{n} piezas</source>
        <translation type="vanished">{n} pieces</translation>
    </message>
    <message>
        <source>este cliente</source>
        <translation>this client</translation>
    </message>
    <message>
        <source>La venta NO se guardó: {reason} No cobres hasta poder guardarla.</source>
        <translation type="vanished">The sale was NOT saved: {reason} Do not take the money until it can be saved.</translation>
    </message>
    <message>
        <source>Línea {n}: {message}</source>
        <translation type="vanished">Line {n}: {message}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Última venta {folio}&lt;/b&gt; · {total}</source>
        <translation type="vanished">&lt;b&gt;Last sale {folio}&lt;/b&gt; · {total}</translation>
    </message>
    <message>
        <source>Cambio &lt;b&gt;{change}&lt;/b&gt;</source>
        <translation type="vanished">Change &lt;b&gt;{change}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Todavía no hay una venta para imprimir.</source>
        <translation type="vanished">There is no sale to print yet.</translation>
    </message>
    <message>
        <source>No hay impresora predeterminada para imprimir el ticket.</source>
        <translation type="vanished">There is no default printer to print the receipt.</translation>
    </message>
    <message>
        <source>Todavía no hay una venta para guardar.</source>
        <translation type="vanished">There is no sale to save yet.</translation>
    </message>
    <message>
        <source>Guardar ticket como PDF</source>
        <translation type="vanished">Save receipt as PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="vanished">PDF (*.pdf)</translation>
    </message>
    <message>
        <source>No se pudo guardar el PDF en {path}.</source>
        <translation type="vanished">Could not save the PDF to {path}.</translation>
    </message>
    <message>
        <source>Ticket guardado en {path}</source>
        <translation type="vanished">Receipt saved to {path}</translation>
    </message>
</context>
<context>
    <name>CrashNotice</name>
    <message>
        <source>Mostrador tuvo un error inesperado. Tus cobros en cola siguen guardados en este equipo.</source>
        <translation>Mostrador hit an unexpected error. Your queued payments are still saved on this computer.</translation>
    </message>
    <message>
        <source>Se guardó un informe (sin claves ni RFC) en:
{path}

Envíalo a soporte si el problema se repite.</source>
        <translation>A report (without keys or RFCs) was saved to:
{path}

Send it to support if the problem happens again.</translation>
    </message>
</context>
<context>
    <name>CreateInvoiceDialog</name>
    <message>
        <source>Nueva factura de ingreso</source>
        <extracomment>The key a queued sale&apos;s entry carries in the dialog&apos;s payment list (its local id). A client&apos;s payments read at most (the cache keeps a window of recent ones).</extracomment>
        <translation>New income invoice</translation>
    </message>
    <message>
        <source>Timbrar factura</source>
        <translation>Stamp invoice</translation>
    </message>
    <message>
        <source>Sin conexión con gigstack: la factura se guarda en la Cola. Se facturará al volver la conexión.</source>
        <translation>No connection to gigstack: the invoice is kept in the Queue. It will be issued when the connection returns.</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Nombre, razón social o RFC del cliente</source>
        <translation>Client&apos;s name, legal name or RFC</translation>
    </message>
    <message>
        <source>De pagos ya recibidos</source>
        <translation>From payments received</translation>
    </message>
    <message>
        <source>De conceptos</source>
        <translation>From items</translation>
    </message>
    <message>
        <source>Pagos a facturar</source>
        <translation>Payments to invoice</translation>
    </message>
    <message>
        <source>Servicio o producto</source>
        <translation>Service or product</translation>
    </message>
    <message>
        <source>Descripción, SKU o código de barras</source>
        <translation>Description, SKU or barcode</translation>
    </message>
    <message>
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Agregar</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Quitar</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Método de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>PUE — Pago en una sola exhibición</source>
        <translation>PUE — Paid in full</translation>
    </message>
    <message>
        <source>PPD — Pago en parcialidades o diferido</source>
        <translation>PPD — Paid in installments or later</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment form</translation>
    </message>
    <message>
        <source>Uso del CFDI</source>
        <translation>CFDI use</translation>
    </message>
    <message>
        <source>Serie</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>La serie predeterminada del equipo</source>
        <translation>The team&apos;s default series</translation>
    </message>
    <message>
        <source>Enviar la factura al correo del cliente</source>
        <translation>Email the invoice to the customer</translation>
    </message>
    <message>
        <source>&amp;Cliente</source>
        <translation>&amp;Customer</translation>
    </message>
    <message>
        <source>Partidas</source>
        <translation>Lines</translation>
    </message>
    <message>
        <source>&amp;Método de pago</source>
        <translation>Payment &amp;method</translation>
    </message>
    <message>
        <source>&amp;Forma de pago</source>
        <translation>Payment &amp;form</translation>
    </message>
    <message>
        <source>&amp;Uso del CFDI</source>
        <translation>CFDI &amp;use</translation>
    </message>
    <message>
        <source>&amp;Serie</source>
        <translation>&amp;Series</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Poner en cola</source>
        <translation>Queue it</translation>
    </message>
    <message>
        <source>{folio} · en la Cola · {total}</source>
        <translation>{folio} · in the Queue · {total}</translation>
    </message>
    <message>
        <source>{folio} · {date} · {total}</source>
        <translation>{folio} · {date} · {total}</translation>
    </message>
    <message>
        <source>Elige primero el cliente.</source>
        <translation>Choose the customer first.</translation>
    </message>
    <message>
        <source>Este cliente no tiene pagos sin factura guardados en esta caja.</source>
        <translation>This customer has no uninvoiced payments saved on this till.</translation>
    </message>
    <message>
        <source>Marca los pagos que ampara la factura.</source>
        <translation>Tick the payments the invoice covers.</translation>
    </message>
    <message>
        <source>Elige un servicio o producto de la lista.</source>
        <translation>Choose a service or product from the list.</translation>
    </message>
    <message>
        <source>Elige un cliente con RFC de la lista.</source>
        <translation>Choose a customer with an RFC from the list.</translation>
    </message>
    <message>
        <source>Marca al menos un pago.</source>
        <translation>Tick at least one payment.</translation>
    </message>
    <message>
        <source>Agrega al menos un concepto.</source>
        <translation>Add at least one item.</translation>
    </message>
    <message>
        <source>Una factura PUE necesita la forma de pago real (no 99).</source>
        <translation>A PUE invoice needs the actual payment form (not 99).</translation>
    </message>
</context>
<context>
    <name>CreateTeamDialog</name>
    <message>
        <source>Crear equipo</source>
        <translation>Create team</translation>
    </message>
    <message>
        <source>Nombre comercial</source>
        <translation>Trade name</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>Régimen fiscal</source>
        <translation>Tax regime</translation>
    </message>
    <message>
        <source>— elige —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>Código postal</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>Correo de soporte</source>
        <translation>Support email</translation>
    </message>
    <message>
        <source>&amp;Nombre comercial</source>
        <translation>&amp;Trade name</translation>
    </message>
    <message>
        <source>&amp;RFC</source>
        <translation>&amp;RFC</translation>
    </message>
    <message>
        <source>Ré&amp;gimen fiscal</source>
        <translation>Tax re&amp;gime</translation>
    </message>
    <message>
        <source>Código &amp;postal</source>
        <translation>&amp;Postal code</translation>
    </message>
    <message>
        <source>&amp;Correo de soporte</source>
        <translation>Support &amp;email</translation>
    </message>
    <message>
        <source>Escribe el nombre comercial.</source>
        <translation type="vanished">Type the trade name.</translation>
    </message>
    <message>
        <source>gigstack pide el RFC del equipo.</source>
        <translation type="vanished">gigstack needs the team&apos;s RFC.</translation>
    </message>
    <message>
        <source>El RFC no es válido: {0}</source>
        <translation type="vanished">The RFC is not valid: {0}</translation>
    </message>
    <message>
        <source>El código postal lleva 5 números.</source>
        <translation type="vanished">The postal code has 5 digits.</translation>
    </message>
    <message>
        <source>Revisa el correo.</source>
        <translation type="vanished">Check the email address.</translation>
    </message>
</context>
<context>
    <name>CustomerInvoiceDialog</name>
    <message>
        <source>Facturar el recibo</source>
        <translation>Invoice the receipt</translation>
    </message>
    <message>
        <source>Timbrar factura</source>
        <translation>Stamp invoice</translation>
    </message>
    <message>
        <source>Venta {folio} por {total}. El cliente regresó con su RFC: se timbra la factura a su nombre con estos datos (como aparecen en su Constancia de Situación Fiscal).</source>
        <translation type="vanished">Sale {folio} for {total}. The customer came back with their RFC: the invoice is stamped in their name with this data (as it appears on their tax status certificate).</translation>
    </message>
    <message>
        <source>Venta {folio} por {total}.</source>
        <translation>Sale {folio} for {total}.</translation>
    </message>
    <message>
        <source>Recibo por {total}.</source>
        <translation>Receipt for {total}.</translation>
    </message>
    <message>
        <source>El cliente regresó con su RFC: se timbra la factura a su nombre con estos datos (como aparecen en su Constancia de Situación Fiscal). Ya timbrada, no se puede facturar desde el portal.</source>
        <translation>The customer came back with their RFC: the invoice is stamped in their name with this data (as shown on their Constancia de Situación Fiscal). Once stamped, it can no longer be invoiced from the portal.</translation>
    </message>
    <message>
        <source>Cliente registrado</source>
        <translation>Saved client</translation>
    </message>
    <message>
        <source>Opcional: busca al cliente por nombre o RFC</source>
        <translation>Optional: find the client by name or RFC</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>Razón social</source>
        <translation>Legal name</translation>
    </message>
    <message>
        <source>Régimen fiscal</source>
        <translation>Tax regime</translation>
    </message>
    <message>
        <source>Elige el régimen fiscal…</source>
        <translation>Pick the tax regime…</translation>
    </message>
    <message>
        <source>Código postal fiscal</source>
        <translation>Fiscal postal code</translation>
    </message>
    <message>
        <source>Facturar a público en general</source>
        <translation>Invoice to the general public</translation>
    </message>
    <message>
        <source>Se timbra a XAXX010101000 (público en general) con uso S01.</source>
        <translation>Stamped to XAXX010101000 (general public) with use S01.</translation>
    </message>
    <message>
        <source>C&amp;liente</source>
        <translation>C&amp;lient</translation>
    </message>
    <message>
        <source>&amp;RFC</source>
        <translation>&amp;RFC</translation>
    </message>
    <message>
        <source>Ra&amp;zón social</source>
        <translation>Legal &amp;name</translation>
    </message>
    <message>
        <source>Ré&amp;gimen fiscal</source>
        <translation>Tax re&amp;gime</translation>
    </message>
    <message>
        <source>C&amp;ódigo postal</source>
        <translation>P&amp;ostal code</translation>
    </message>
    <message>
        <source>Escribe el RFC del cliente.</source>
        <translation>Type the client&apos;s RFC.</translation>
    </message>
    <message>
        <source>Ese es el RFC genérico: marca «Facturar a público en general» o escribe el RFC del cliente.</source>
        <translation>That is the generic RFC: tick “Invoice to the general public” or type the customer&apos;s RFC.</translation>
    </message>
    <message>
        <source>Ese es el RFC genérico: una factura a público en general no se timbra aquí (entra en la factura global).</source>
        <translation type="vanished">That is the generic RFC: an invoice to the general public is not stamped here (it goes into the global invoice).</translation>
    </message>
    <message>
        <source>Escribe la razón social, sin régimen.</source>
        <translation>Type the legal name, without the regime.</translation>
    </message>
    <message>
        <source>Elige el régimen fiscal.</source>
        <translation>Pick the tax regime.</translation>
    </message>
    <message>
        <source>Ese régimen no es de personas morales.</source>
        <translation>That regime is not for companies.</translation>
    </message>
    <message>
        <source>Ese régimen no es de personas físicas.</source>
        <translation>That regime is not for individuals.</translation>
    </message>
    <message>
        <source>Escribe el código postal fiscal.</source>
        <translation>Type the fiscal postal code.</translation>
    </message>
    <message>
        <source>{zip} no es un código postal de México.</source>
        <translation>{zip} is not a Mexican postal code.</translation>
    </message>
</context>
<context>
    <name>DiscardDialog</name>
    <message>
        <source>Descartar {folio}</source>
        <translation>Discard {folio}</translation>
    </message>
    <message>
        <source>Descartar…</source>
        <translation>Discard…</translation>
    </message>
    <message>
        <source>«{summary}» no se enviará a gigstack. El registro y su historial se conservan en la cola como descartados.</source>
        <translation>“{summary}” will not be sent to gigstack. The record and its history stay in the queue as discarded.</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Por ejemplo: venta duplicada, el cliente canceló</source>
        <translation>For example: duplicate sale, the customer cancelled</translation>
    </message>
    <message>
        <source>&amp;Motivo</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>No descartar</source>
        <translation>Don&apos;t discard</translation>
    </message>
    <message>
        <source>Escribe por qué se descarta (es obligatorio)</source>
        <translation>Write why it is discarded (required)</translation>
    </message>
    <message>
        <source>¿Seguro? Pulsa «Sí, descartar» para confirmar; Esc para volver.</source>
        <translation>Sure? Press “Yes, discard” to confirm; Esc to go back.</translation>
    </message>
    <message>
        <source>Sí, descartar</source>
        <translation>Yes, discard</translation>
    </message>
</context>
<context>
    <name>EditParkedDialog</name>
    <message>
        <source>Editar y reenviar {folio}</source>
        <translation>Edit and resend {folio}</translation>
    </message>
    <message>
        <source>Guardar y reenviar</source>
        <translation>Save and resend</translation>
    </message>
    <message>
        <source>Por qué se detuvo: {error}</source>
        <translation>Why it was held: {error}</translation>
    </message>
    <message>
        <source>(sin mensaje)</source>
        <translation>(no message)</translation>
    </message>
    <message>
        <source>Cliente guardado</source>
        <translation>Saved client</translation>
    </message>
    <message>
        <source>(sin ID: usar los datos de abajo)</source>
        <translation>(no ID: use the data below)</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>Nombre o razón social</source>
        <translation>Name or legal name</translation>
    </message>
    <message>
        <source>Régimen fiscal</source>
        <translation>Tax regime</translation>
    </message>
    <message>
        <source>Uso de CFDI</source>
        <translation>CFDI use</translation>
    </message>
    <message>
        <source>Código postal</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Con un cliente guardado, gigstack usa sus datos; los campos de abajo solo se envían si los llenas.</source>
        <translation>With a saved client, gigstack uses its data; the fields below are only sent if you fill them in.</translation>
    </message>
    <message>
        <source>Cuerpo del envío en JSON</source>
        <translation>Request body as JSON</translation>
    </message>
    <message>
        <source>&amp;Datos</source>
        <translation>&amp;Data</translation>
    </message>
    <message>
        <source>A&amp;vanzado (JSON)</source>
        <translation>Ad&amp;vanced (JSON)</translation>
    </message>
    <message>
        <source>{id} (no está en la copia local)</source>
        <translation>{id} (not in the local copy)</translation>
    </message>
    <message>
        <source>El JSON no es válido (línea {line}, columna {col}): {msg}</source>
        <translation>The JSON is not valid (line {line}, column {col}): {msg}</translation>
    </message>
    <message>
        <source>El cuerpo debe ser un objeto JSON { … }</source>
        <translation>The body must be a JSON object { … }</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Bienvenido a Mostrador</source>
        <translation>Welcome to Mostrador</translation>
    </message>
    <message>
        <source>Cobra en tu mostrador y factura con gigstack, aunque se caiga el internet: las ventas se guardan y se envían solas al volver la conexión.</source>
        <translation>Charge at your counter and invoice with gigstack, even when the internet is down: sales are saved and sent on their own when the connection is back.</translation>
    </message>
    <message>
        <source>Conectar mi cuenta de gigstack</source>
        <translation>Connect my gigstack account</translation>
    </message>
    <message>
        <source>Pega la clave de API de tu cuenta (en gigstack: Configuración → API).</source>
        <translation>Paste your account&apos;s API key (in gigstack: Settings → API).</translation>
    </message>
    <message>
        <source>Clave de API</source>
        <translation>API key</translation>
    </message>
    <message>
        <source>Clave de API de gigstack</source>
        <translation>gigstack API key</translation>
    </message>
    <message>
        <source>Mostrar</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Mostrar u ocultar la clave (Alt+M)</source>
        <translation>Show or hide the key (Alt+M)</translation>
    </message>
    <message>
        <source>Opciones avanzadas</source>
        <translation>Advanced options</translation>
    </message>
    <message>
        <source>Dirección de la API</source>
        <translation>API address</translation>
    </message>
    <message>
        <source>Dirección de la API:</source>
        <translation>API address:</translation>
    </message>
    <message>
        <source>Esta cuenta maneja varios equipos (gigstack Connect). Elige con cuál trabaja este mostrador:</source>
        <translation>This account manages several teams (gigstack Connect). Choose which one this counter works with:</translation>
    </message>
    <message>
        <source>Equipo de gigstack</source>
        <translation>gigstack team</translation>
    </message>
    <message>
        <source>Guardar la clave en un archivo de este equipo, SIN cifrar: cualquiera que use esta cuenta de usuario podrá leerla. Así no te la pediremos cada vez.</source>
        <translation>Save the key in a file on this computer, NOT encrypted: anyone using this user account can read it. Then we will not ask for it every time.</translation>
    </message>
    <message>
        <source>Conectar</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>Verificar la clave con gigstack (Enter)</source>
        <translation>Check the key with gigstack (Enter)</translation>
    </message>
    <message>
        <source>¿Solo quieres verlo? El modo demo usa una papelería de ejemplo en tu equipo; nada se envía a gigstack.</source>
        <translation>Just want to look around? Demo mode uses a sample stationery shop on your computer; nothing is sent to gigstack.</translation>
    </message>
    <message>
        <source>Probar en modo demo</source>
        <translation>Try demo mode</translation>
    </message>
    <message>
        <source>Abrir Mostrador con datos de ejemplo (Alt+D)</source>
        <translation>Open Mostrador with sample data (Alt+D)</translation>
    </message>
    <message>
        <source>Ocultar</source>
        <translation>Hide</translation>
    </message>
    <message>
        <source>La clave no puede tener espacios.</source>
        <translation>The key cannot contain spaces.</translation>
    </message>
    <message>
        <source>Escribe o pega tu clave de API.</source>
        <translation>Type or paste your API key.</translation>
    </message>
    <message>
        <source>La dirección debe empezar con https:// (o http://).</source>
        <translation>The address must start with https:// (or http://).</translation>
    </message>
    <message>
        <source>Verificando la clave con gigstack…</source>
        <translation>Checking the key with gigstack…</translation>
    </message>
    <message>
        <source>El equipo de esta clave</source>
        <translation>This key&apos;s own team</translation>
    </message>
    <message>
        <source>{team} (equipo de esta clave)</source>
        <translation>{team} (this key&apos;s team)</translation>
    </message>
    <message>
        <source>Usar este equipo</source>
        <translation>Use this team</translation>
    </message>
    <message>
        <source>gigstack no reconoce esta clave. Revisa que la copiaste completa.</source>
        <translation>gigstack does not recognise this key. Check that you copied all of it.</translation>
    </message>
    <message>
        <source>No hay conexión con gigstack. Revisa el internet (o la dirección de la API) e intenta de nuevo, o prueba el modo demo.</source>
        <translation>No connection to gigstack. Check the internet (or the API address) and try again, or try demo mode.</translation>
    </message>
    <message>
        <source>gigstack respondió con un error: {message}</source>
        <translation>gigstack answered with an error: {message}</translation>
    </message>
    <message>
        <source>No se pudo verificar la clave ({error}).</source>
        <translation>The key could not be checked ({error}).</translation>
    </message>
    <message>
        <source>La clave es correcta, pero este equipo no tiene un llavero del sistema donde guardarla. Puedes seguir: se usará solo mientras Mostrador esté abierto y te la pediremos la próxima vez.</source>
        <translation>The key is correct, but this computer has no system keychain to store it in. You can go on: it will be used only while Mostrador is open and we will ask for it next time.</translation>
    </message>
    <message>
        <source>Continuar sin guardar la clave</source>
        <translation>Continue without saving the key</translation>
    </message>
    <message>
        <source>No se pudo guardar el archivo de la clave ({error}).</source>
        <translation>Could not save the key file ({error}).</translation>
    </message>
    <message>
        <source>Continuar y guardar en el archivo</source>
        <translation>Continue and save it in the file</translation>
    </message>
</context>
<context>
    <name>InvoiceDialogs</name>
    <message>
        <source>02 — Emitida con errores, sin relación</source>
        <translation>02 — Issued with errors, no replacement</translation>
    </message>
    <message>
        <source>01 — Emitida con errores, con relación (ya hay otra que la sustituye)</source>
        <translation>01 — Issued with errors, with a replacement (another invoice replaces it)</translation>
    </message>
    <message>
        <source>03 — No se llevó a cabo la operación</source>
        <translation>03 — The sale did not take place</translation>
    </message>
    <message>
        <source>04 — Operación nominativa relacionada en una factura global</source>
        <translation>04 — Named sale included in a global invoice</translation>
    </message>
</context>
<context>
    <name>InvoicesPage</name>
    <message>
        <source>Vigente</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Cancelada</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Pendiente</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>En proceso</source>
        <translation>Processing</translation>
    </message>
    <message>
        <source>Borrador</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Últimos 30 días</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Este mes</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Últimos 90 días</source>
        <translation>Last 90 days</translation>
    </message>
    <message>
        <source>Todas las fechas</source>
        <translation>All dates</translation>
    </message>
    <message>
        <source>Facturas</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <source>Buscar facturas</source>
        <translation>Search invoices</translation>
    </message>
    <message>
        <source>Buscar folio, cliente, RFC, UUID… (Ctrl+F)</source>
        <translation>Search folio, customer, RFC, UUID… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Nueva factura…</source>
        <translation>New invoice…</translation>
    </message>
    <message>
        <source>Factura pagos ya recibidos o conceptos nuevos</source>
        <translation>Invoice payments already received or new items</translation>
    </message>
    <message>
        <source>Periodo</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Todos los estados</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Vigentes</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Canceladas</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Serie</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>Todas las series</source>
        <translation>All series</translation>
    </message>
    <message>
        <source>Abrir PDF</source>
        <translation>Open PDF</translation>
    </message>
    <message>
        <source>Descarga el PDF y lo abre</source>
        <translation>Downloads the PDF and opens it</translation>
    </message>
    <message>
        <source>Abrir XML</source>
        <translation>Open XML</translation>
    </message>
    <message>
        <source>Descarga el XML timbrado y lo abre</source>
        <translation>Downloads the stamped XML and opens it</translation>
    </message>
    <message>
        <source>Enviar por correo…</source>
        <translation>Send by email…</translation>
    </message>
    <message>
        <source>Cancelar factura…</source>
        <translation>Cancel invoice…</translation>
    </message>
    <message>
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Folio</source>
        <translation>Folio</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>Método</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Venta {folio}</source>
        <translation>Sale {folio}</translation>
    </message>
    <message>
        <source>1 factura · vigentes {total}</source>
        <translation>1 invoice · valid {total}</translation>
    </message>
    <message>
        <source>{n} facturas · vigentes {total}</source>
        <translation>{n} invoices · valid {total}</translation>
    </message>
    <message>
        <source>Folio fiscal</source>
        <translation>Fiscal folio</translation>
    </message>
    <message>
        <source>Timbrada</source>
        <translation>Stamped</translation>
    </message>
    <message>
        <source>Pago</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Uso CFDI</source>
        <translation>CFDI use</translation>
    </message>
    <message>
        <source>Conceptos</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Importes</source>
        <translation>Amounts</translation>
    </message>
    <message>
        <source>Saldo</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>Pagos</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>Cancelación</source>
        <translation>Cancellation</translation>
    </message>
    <message>
        <source>ID en gigstack</source>
        <translation>gigstack ID</translation>
    </message>
    <message>
        <source>Elige una factura para ver su detalle.</source>
        <translation>Choose an invoice to see its details.</translation>
    </message>
    <message>
        <source>Factura {folio} · {total}</source>
        <translation>Invoice {folio} · {total}</translation>
    </message>
    <message>
        <source>Subtotal {s} · Impuestos {t} · Total {total}</source>
        <translation>Subtotal {s} · Taxes {t} · Total {total}</translation>
    </message>
    <message>
        <source>Por cobrar {b} · 1 complemento de pago</source>
        <translation>To collect {b} · 1 payment complement</translation>
    </message>
    <message>
        <source>Por cobrar {b} · {n} complementos de pago</source>
        <translation>Outstanding {b} · {n} payment complements</translation>
    </message>
    <message>
        <source>Motivo {m}</source>
        <translation>Reason {m}</translation>
    </message>
    <message>
        <source> · sustituida por {u}</source>
        <translation> · replaced by {u}</translation>
    </message>
    <message>
        <source>Elige una factura primero.</source>
        <translation>Choose an invoice first.</translation>
    </message>
    <message>
        <source>Guardado en {0} (no hay un programa para abrirlo).</source>
        <translation>Saved to {0} (no program to open it).</translation>
    </message>
    <message>
        <source>Guardado en {0}</source>
        <translation>Saved to {0}</translation>
    </message>
    <message>
        <source>descargar el {0}</source>
        <translation>download the {0}</translation>
    </message>
    <message>
        <source>timbrar una factura</source>
        <translation type="vanished">stamping an invoice</translation>
    </message>
    <message>
        <source>Las facturas no se guardan en la cola; las ventas sí.</source>
        <translation type="vanished">Invoices are not kept in the queue; sales are.</translation>
    </message>
    <message>
        <source>Factura {0} timbrada.</source>
        <translation>Invoice {0} stamped.</translation>
    </message>
    <message>
        <source>timbrar la factura</source>
        <translation>stamp the invoice</translation>
    </message>
    <message>
        <source>No se pudo {0}: {1}</source>
        <translation>Could not {0}: {1}</translation>
    </message>
    <message>
        <source>Espera a que termine la operación anterior.</source>
        <translation>Wait for the previous operation to finish.</translation>
    </message>
    <message>
        <source>Enviando a gigstack: {0}…</source>
        <translation>Sending to gigstack: {0}…</translation>
    </message>
    <message>
        <source>No se pudo guardar en la Cola.</source>
        <translation>Could not save it in the Queue.</translation>
    </message>
    <message>
        <source>Factura en la Cola: se timbrará en cuanto se envíen las ventas que ampara.</source>
        <translation>Invoice in the Queue: it will be stamped as soon as the sales it covers are sent.</translation>
    </message>
    <message>
        <source>Factura en la Cola: se facturará al volver la conexión.</source>
        <translation>Invoice in the Queue: it will be issued when the connection returns.</translation>
    </message>
    <message>
        <source>cancelar una factura</source>
        <translation>cancelling an invoice</translation>
    </message>
    <message>
        <source>Factura {0} cancelada ante el SAT.</source>
        <translation>Invoice {0} cancelled with the SAT.</translation>
    </message>
    <message>
        <source>cancelar la factura</source>
        <translation>cancel the invoice</translation>
    </message>
    <message>
        <source>cancelar la factura {0}</source>
        <translation>cancel invoice {0}</translation>
    </message>
    <message>
        <source>buscar la factura</source>
        <translation>look up the invoice</translation>
    </message>
    <message>
        <source>Factura {0} enviada a {1}.</source>
        <translation>Invoice {0} sent to {1}.</translation>
    </message>
    <message>
        <source>enviar la factura</source>
        <translation>send the invoice</translation>
    </message>
    <message>
        <source>Sin la autorización del encargado no se hizo nada.</source>
        <translation>Without the manager&apos;s authorization nothing was done.</translation>
    </message>
</context>
<context>
    <name>ItemsPane</name>
    <message>
        <source>Artículos de la venta</source>
        <translation>Sale items</translation>
    </message>
    <message>
        <source>Artículos (F4): escribe para cambiar cantidad o precio, Supr quita la línea.</source>
        <translation>Items (F4): type to change quantity or price, Del removes the line.</translation>
    </message>
    <message>
        <source>Quitar línea</source>
        <translation type="vanished">Remove line</translation>
    </message>
    <message>
        <source>Quitar línea (Supr)</source>
        <translation>Remove line (Del)</translation>
    </message>
    <message>
        <source>Quitar la línea seleccionada (Supr)</source>
        <translation>Remove the selected line (Del)</translation>
    </message>
    <message>
        <source>F4: cambiar cantidad o precio</source>
        <translation>F4: change quantity or price</translation>
    </message>
    <message>
        <source>Sin artículos: escanea o escribe un código (F3)</source>
        <translation>No items: scan or type a code (F3)</translation>
    </message>
    <message>
        <source>1 línea</source>
        <translation>1 line</translation>
    </message>
    <message>
        <source>{n} líneas</source>
        <translation>{n} lines</translation>
    </message>
    <message>
        <source>1 pieza</source>
        <translation>1 piece</translation>
    </message>
    <message>
        <source>{n} piezas</source>
        <translation>{n} pieces</translation>
    </message>
    <message>
        <source>cambiar el precio de un artículo</source>
        <translation>change an item&apos;s price</translation>
    </message>
    <message>
        <source>el precio {price} no se aplicó: cambiar un precio necesita el PIN del encargado.</source>
        <translation>the price {price} was not applied: changing a price needs the manager&apos;s PIN.</translation>
    </message>
</context>
<context>
    <name>LastSaleBox</name>
    <message>
        <source>Imprimir ticket</source>
        <extracomment>How long an automatic print waits for the sale to reach gigstack and its receipt to be read.</extracomment>
        <translation type="vanished">Print ticket</translation>
    </message>
    <message>
        <source>Imprimir el ticket de la última venta (Ctrl+P)</source>
        <translation>Print the last sale&apos;s ticket (Ctrl+P)</translation>
    </message>
    <message>
        <source>Guardar PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>Guardar el ticket de la última venta como PDF</source>
        <translation>Save the last sale&apos;s ticket as PDF</translation>
    </message>
    <message>
        <source>&lt;b&gt;Última venta {folio}&lt;/b&gt; · {total}</source>
        <translation>&lt;b&gt;Last sale {folio}&lt;/b&gt; · {total}</translation>
    </message>
    <message>
        <source>Cambio &lt;b&gt;{change}&lt;/b&gt;</source>
        <translation type="vanished">Change &lt;b&gt;{change}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Sin comprobante fiscal</source>
        <translation>No fiscal document</translation>
    </message>
    <message>
        <source>Facturada</source>
        <translation>Invoiced</translation>
    </message>
    <message>
        <source>Recibo listo: el ticket lleva el QR de autofactura</source>
        <translation type="vanished">Receipt ready: the ticket carries the self-invoice QR</translation>
    </message>
    <message>
        <source>Leyendo el comprobante en gigstack…</source>
        <translation type="vanished">Reading the fiscal document from gigstack…</translation>
    </message>
    <message>
        <source>Factura: se timbra al llegar a gigstack</source>
        <translation type="vanished">Invoice: stamped once the sale reaches gigstack</translation>
    </message>
    <message>
        <source>Recibo: el QR sale al llegar la venta a gigstack</source>
        <translation type="vanished">Receipt: the QR comes once the sale reaches gigstack</translation>
    </message>
    <message>
        <source>Todavía no hay una venta para imprimir.</source>
        <translation>There is no sale to print yet.</translation>
    </message>
    <message>
        <source>No hay impresora predeterminada para imprimir el ticket.</source>
        <translation type="vanished">There is no default printer to print the ticket.</translation>
    </message>
    <message>
        <source>Imprimir (Ctrl+P)</source>
        <extracomment>How long an automatic print waits for the sale to reach gigstack and its receipt to be read. Lines the box&apos;s text always has room for (folio and total; change and status; fiscal).</extracomment>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Última venta&lt;/b&gt;&lt;br&gt;Todavía ninguna.</source>
        <translation>&lt;b&gt;Last sale&lt;/b&gt;&lt;br&gt;None yet.</translation>
    </message>
    <message>
        <source>Cambio &lt;b&gt;{change}&lt;/b&gt; · {status}</source>
        <translation>Change &lt;b&gt;{change}&lt;/b&gt; · {status}</translation>
    </message>
    <message>
        <source>Registrado</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Detenido: ver Cola</source>
        <translation>Held: see Queue</translation>
    </message>
    <message>
        <source>Descartado</source>
        <translation>Discarded</translation>
    </message>
    <message>
        <source>En cola</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Recibo listo: ticket con QR</source>
        <translation>Receipt ready: ticket with QR</translation>
    </message>
    <message>
        <source>Leyendo el comprobante…</source>
        <translation>Reading the fiscal document…</translation>
    </message>
    <message>
        <source>Factura: al llegar a gigstack</source>
        <translation>Invoice: once it reaches gigstack</translation>
    </message>
    <message>
        <source>Recibo: QR al llegar a gigstack</source>
        <translation>Receipt: QR once it reaches gigstack</translation>
    </message>
    <message>
        <source>Todavía no hay una venta para guardar.</source>
        <translation>There is no sale to save yet.</translation>
    </message>
    <message>
        <source>Guardar ticket como PDF</source>
        <translation type="vanished">Save ticket as PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="vanished">PDF (*.pdf)</translation>
    </message>
    <message>
        <source>No se pudo guardar el PDF en {path}.</source>
        <translation type="vanished">The PDF could not be saved to {path}.</translation>
    </message>
    <message>
        <source>Ticket guardado en {path}</source>
        <translation type="vanished">Ticket saved to {path}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source> — modo demo</source>
        <extracomment>True on the step before the first page is built (`run_gui` warms its imports then).
----------
Qt::UserRole. Qt::AlignRight | Qt::AlignVCenter. Room the title bar and the window frame take outside the window&apos;s own size. Up to this width a screen is a counter&apos;s monitor: the first start fills it (`first_size`). Catalogs (clients, services) are read again this often while online, so a product added on another till can be scanned here within minutes (issue 10 §3). The navigation column&apos;s width: a page&apos;s name and its shortcut side by side. Next and previous page, wrapping around (every page, whatever its number). Item data role holding the shortcut&apos;s text (drawn at the item&apos;s right edge). What gives a page class when called: its module is imported then (`run_gui`&apos;s start, where the frame lists the pages already and only the first page&apos;s module is wanted at once). A page, its class or its loader: built the first time it is shown (issue 12: start near a bare window). Called with what building the first page raised, when it is built after the paint. Called once the first page is built after the paint (the app settles then).</extracomment>
        <translation> — demo mode</translation>
    </message>
    <message>
        <source>Abriendo…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <source>No se pudo actualizar la copia local de gigstack: {message}</source>
        <translation>The local copy of gigstack could not be updated: {message}</translation>
    </message>
</context>
<context>
    <name>ManagerPin</name>
    <message>
        <source>No, volver</source>
        <translation>No, go back</translation>
    </message>
</context>
<context>
    <name>MarkPaidDialog</name>
    <message>
        <source>Marcar como pagado</source>
        <translation>Mark as paid</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Fecha de pago</source>
        <translation>Payment date</translation>
    </message>
    <message>
        <source>Pago {folio} por {total}</source>
        <translation>Payment {folio} for {total}</translation>
    </message>
    <message>
        <source>&amp;Forma de pago</source>
        <translation>&amp;Payment method</translation>
    </message>
    <message>
        <source>&amp;Fecha de pago</source>
        <translation>Payment &amp;date</translation>
    </message>
    <message>
        <source>Elige la forma de pago</source>
        <translation>Choose the payment method</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Cerrar aviso (Esc)</source>
        <extracomment>How long each level stays on screen (ms); None = until closed. Lines of text the notice&apos;s place always holds. The bar&apos;s margins around its text (left, top, right, bottom). What QStatusBar adds around its row of widgets (qstatusbar.cpp: 3 px above, 2 px under).</extracomment>
        <translation>Close notice (Esc)</translation>
    </message>
    <message>
        <source>Cerrar aviso</source>
        <translation>Close notice</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <source>&amp;Cajero</source>
        <translation>&amp;Cashier</translation>
    </message>
    <message>
        <source>&amp;Fondo de caja</source>
        <translation>Opening &amp;float</translation>
    </message>
    <message>
        <source>Abrir turno</source>
        <translation>Open shift</translation>
    </message>
    <message>
        <source>Cajero</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>El fondo es el efectivo con el que empieza la caja (para dar cambio).</source>
        <translation>The float is the cash the drawer starts with (to give change).</translation>
    </message>
    <message>
        <source>Fondo de caja</source>
        <translation>Opening float</translation>
    </message>
    <message>
        <source>Nombre de quien atiende la caja</source>
        <translation>Name of the person at the till</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Clientes</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Mostrador</source>
        <extracomment>Exit code when Mostrador cannot open (a dialog said why). Demo mode keeps its data in this subfolder (`desktop.demo.DEMO_SUBDIR`, which imports the sandbox: not before the first paint; a test keeps both equal). When the window has not painted by then (started minimized, a platform that never exposes it), the start goes on anyway. How often a start step waiting for the preload thread looks again. The navigation as the window&apos;s frame shows it before any page module is imported: the same order, titles (QT_TRANSLATE_NOOP(&quot;Page&quot;, ...) source texts) and icons as `page_classes()`. tests/ui/test_startup_frame.py keeps the two equal.</extracomment>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Pagos</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>Cola</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Servicios</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Ajustes</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Facturas</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <source>Recibos</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <source>Equipo</source>
        <extracomment>The key&apos;s own team (its `team` claim, or gigstack&apos;s hints); None when it cannot be told. From `GET /teams/integrations`; empty when that call failed (the team&apos;s own are used).</extracomment>
        <translation>Team</translation>
    </message>
    <message>
        <source>Usuarios</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Reportes</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Turno</source>
        <translation>Shift</translation>
    </message>
</context>
<context>
    <name>PaymentActions</name>
    <message>
        <source>Elige un pago que ya esté en gigstack.</source>
        <translation>Choose a payment that is already in gigstack.</translation>
    </message>
    <message>
        <source>Pago {folio} cancelado.</source>
        <translation>Payment {folio} cancelled.</translation>
    </message>
    <message>
        <source>Este pago tiene factura ({0}). Cancelar el pago NO cancela la factura ante el SAT; después te ofreceremos cancelarla.</source>
        <translation>This payment has an invoice ({0}). Cancelling the payment does NOT cancel the invoice at the SAT; you will be offered to cancel it next.</translation>
    </message>
    <message>
        <source>timbrada</source>
        <translation>stamped</translation>
    </message>
    <message>
        <source>Cancelar también la factura</source>
        <translation>Cancel the invoice too</translation>
    </message>
    <message>
        <source>El pago quedó cancelado, pero su factura {0} sigue vigente ante el SAT. ¿Cancelar la factura ahora?</source>
        <translation>The payment is cancelled, but its invoice {0} is still valid at the SAT. Cancel the invoice now?</translation>
    </message>
    <message>
        <source>Pago {folio} marcado como pagado.</source>
        <translation>Payment {folio} marked as paid.</translation>
    </message>
    <message>
        <source>reembolsar un pago</source>
        <translation>refund a payment</translation>
    </message>
    <message>
        <source>Reembolso del pago {folio} registrado.</source>
        <translation>Refund of payment {folio} recorded.</translation>
    </message>
    <message>
        <source>Hecho en gigstack, pero no se pudo anotar en el turno: {why}</source>
        <translation>Done in gigstack, but it could not be noted in the shift: {why}</translation>
    </message>
    <message>
        <source>Esta venta no tiene un recibo que se pueda facturar.</source>
        <translation>This sale has no receipt that can be invoiced.</translation>
    </message>
    <message>
        <source>público en general</source>
        <translation>the general public</translation>
    </message>
    <message>
        <source>Factura de la venta {folio} timbrada a {name}.</source>
        <translation>Invoice of sale {folio} stamped to {name}.</translation>
    </message>
    <message>
        <source>Enlace de pago creado.</source>
        <translation>Payment link created.</translation>
    </message>
</context>
<context>
    <name>PaymentDetail</name>
    <message>
        <source>Elige un pago para ver su detalle.</source>
        <extracomment>Fields shown only when they have something to say.</extracomment>
        <translation>Pick a payment to see its details.</translation>
    </message>
    <message>
        <source>Cancelar pago…</source>
        <translation>Cancel payment…</translation>
    </message>
    <message>
        <source>Cancela el pago en gigstack (Ctrl+Shift+X)</source>
        <translation>Cancel the payment in gigstack (Ctrl+Shift+X)</translation>
    </message>
    <message>
        <source>Marcar pagado…</source>
        <translation>Mark paid…</translation>
    </message>
    <message>
        <source>Registra que el cliente ya pagó un pago pendiente (Ctrl+Shift+M)</source>
        <translation>Record that the client paid a pending payment (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>Reembolsar…</source>
        <translation>Refund…</translation>
    </message>
    <message>
        <source>Devuelve todo o parte del pago (Ctrl+Shift+R)</source>
        <translation>Give back all or part of the payment (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Facturar recibo…</source>
        <translation>Invoice receipt…</translation>
    </message>
    <message>
        <source>El cliente regresó con su RFC: timbra la factura a su nombre (Ctrl+Shift+F)</source>
        <translation>The customer came back with their RFC: stamp the invoice in their name (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Reimprime el ticket, con el QR de autofactura si ya existe (Ctrl+P)</source>
        <translation>Print the ticket again, with the self-invoice QR once it exists (Ctrl+P)</translation>
    </message>
    <message>
        <source>Imprimir de nuevo…	Ctrl+P</source>
        <translation>Print again…	Ctrl+P</translation>
    </message>
    <message>
        <source>Guardar como PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>Ver en la cola</source>
        <translation>Show in the queue</translation>
    </message>
    <message>
        <source>Esta venta aún no llega a gigstack: revísala en la cola de envíos</source>
        <translation>This sale has not reached gigstack yet: check it in the send queue</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Comprobante</source>
        <translation>Fiscal document</translation>
    </message>
    <message>
        <source>Vendida</source>
        <translation>Sold</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Partidas</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Importes</source>
        <translation>Amounts</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment form</translation>
    </message>
    <message>
        <source>Facturas</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <source>Autofactura</source>
        <translation>Self-invoice</translation>
    </message>
    <message>
        <source>Folio</source>
        <translation>Folio</translation>
    </message>
    <message>
        <source>ID local</source>
        <translation>Local ID</translation>
    </message>
    <message>
        <source>ID en gigstack</source>
        <translation>gigstack ID</translation>
    </message>
    <message>
        <source>Enlace de pago</source>
        <translation>Payment link</translation>
    </message>
    <message>
        <source>Último error</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>Copiar enlace</source>
        <translation>Copy link</translation>
    </message>
    <message>
        <source>Mostrar QR</source>
        <translation>Show QR</translation>
    </message>
    <message>
        <source>Sin serie-folio</source>
        <translation>No series-folio</translation>
    </message>
    <message>
        <source>UUID {uuid}</source>
        <translation>UUID {uuid}</translation>
    </message>
    <message>
        <source>Factura (su folio se lee al elegir el pago en línea)</source>
        <translation>Invoice (its folio is read when the payment is picked online)</translation>
    </message>
    <message>
        <source>{label}: {number}</source>
        <translation>{label}: {number}</translation>
    </message>
    <message>
        <source>Recibo (su estado se lee al elegirlo en línea)</source>
        <translation>Receipt (its status is read when picked online)</translation>
    </message>
    <message>
        <source>Facturada: {ids}</source>
        <translation type="vanished">Invoiced: {ids}</translation>
    </message>
    <message>
        <source>{label}: el cliente puede facturarse hasta el {day}</source>
        <translation>{label}: the customer can self-invoice until {day}</translation>
    </message>
    <message>
        <source>Recibo {id} (su estado se lee al elegirlo en línea)</source>
        <translation type="vanished">Receipt {id} (its status is read when you select it online)</translation>
    </message>
    <message>
        <source>En cola: el recibo o la factura se crea cuando la venta llegue a gigstack</source>
        <translation>Queued: the receipt or invoice is made when the sale reaches gigstack</translation>
    </message>
    <message>
        <source>Pago {folio} · {total}</source>
        <translation>Payment {folio} · {total}</translation>
    </message>
    <message>
        <source>Subtotal {v}</source>
        <translation>Subtotal {v}</translation>
    </message>
    <message>
        <source>Impuestos {v}</source>
        <translation>Taxes {v}</translation>
    </message>
    <message>
        <source>Total {v}</source>
        <translation>Total {v}</translation>
    </message>
    <message>
        <source>Reembolsado {v}</source>
        <translation>Refunded {v}</translation>
    </message>
    <message>
        <source>Sin factura</source>
        <translation>No invoice</translation>
    </message>
    <message>
        <source>Aún no (en la cola)</source>
        <translation>Not yet (queued)</translation>
    </message>
    <message>
        <source>Esta venta aún no llega a gigstack. Cuando se envíe podrás cancelarla, reembolsarla o facturar su recibo aquí.</source>
        <translation>This sale has not reached gigstack yet. Once it is sent you can cancel it, refund it or invoice its receipt here.</translation>
    </message>
    <message>
        <source>El recibo venció: ya no se puede facturar a nombre del cliente; entra en la factura global del periodo.</source>
        <translation>The receipt expired: it can no longer be invoiced in the customer&apos;s name; it goes into the period&apos;s global invoice.</translation>
    </message>
</context>
<context>
    <name>PaymentFilters</name>
    <message>
        <source>Periodo</source>
        <extracomment>Extra status filter: sales whose receipt the customer can still turn into an invoice.</extracomment>
        <translation>Period</translation>
    </message>
    <message>
        <source>Hoy</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Últimos 7 días</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Últimos 30 días</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Todo lo guardado</source>
        <translation>Everything stored</translation>
    </message>
    <message>
        <source>Personalizado</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>Desde</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Hasta</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Recibo por facturar</source>
        <translation>Receipt to invoice</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Filtrar por cliente</source>
        <translation>Filter by client</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Todas las formas de pago</source>
        <translation>All payment methods</translation>
    </message>
</context>
<context>
    <name>PaymentLinkView</name>
    <message>
        <source>El cliente escanea el código con su teléfono para pagar.</source>
        <translation>The customer scans the code with their phone to pay.</translation>
    </message>
    <message>
        <source>Enlace de pago</source>
        <translation>Payment link</translation>
    </message>
    <message>
        <source>&amp;Copiar enlace</source>
        <translation>&amp;Copy link</translation>
    </message>
    <message>
        <source>Copia el enlace para enviarlo por WhatsApp o correo</source>
        <translation>Copy the link to send it by WhatsApp or email</translation>
    </message>
    <message>
        <source>Enlace copiado.</source>
        <translation>Link copied.</translation>
    </message>
</context>
<context>
    <name>PaymentTickets</name>
    <message>
        <source>Elige la venta cuyo ticket quieres imprimir.</source>
        <translation>Pick the sale whose ticket you want to print.</translation>
    </message>
    <message>
        <source>Elige la venta cuyo ticket quieres guardar.</source>
        <translation>Pick the sale whose ticket you want to save.</translation>
    </message>
    <message>
        <source>Guardar ticket como PDF</source>
        <translation type="vanished">Save ticket as PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="vanished">PDF (*.pdf)</translation>
    </message>
    <message>
        <source>No se pudo guardar el PDF en {path}.</source>
        <translation type="vanished">The PDF could not be saved to {path}.</translation>
    </message>
    <message>
        <source>Ticket guardado en {path}</source>
        <translation type="vanished">Ticket saved to {path}</translation>
    </message>
</context>
<context>
    <name>PaymentsPage</name>
    <message>
        <source>Fecha</source>
        <translation type="vanished">Date</translation>
    </message>
    <message>
        <source>Folio</source>
        <translation type="vanished">Folio</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation type="vanished">Client</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation type="vanished">Payment method</translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="vanished">Total</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation type="vanished">Status</translation>
    </message>
    <message>
        <source>Factura</source>
        <translation type="vanished">Invoice</translation>
    </message>
    <message>
        <source>Sí</source>
        <translation type="vanished">Yes</translation>
    </message>
    <message>
        <source>Vendida</source>
        <translation type="vanished">Sold</translation>
    </message>
    <message>
        <source>Comprobante</source>
        <translation type="vanished">Fiscal document</translation>
    </message>
    <message>
        <source>Buscar folio, cliente, RFC, importe… (Ctrl+F)</source>
        <translation>Search folio, client, RFC, amount… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Buscar pagos</source>
        <translation>Search payments</translation>
    </message>
    <message>
        <source>Periodo</source>
        <translation type="vanished">Period</translation>
    </message>
    <message>
        <source>Hoy</source>
        <translation type="vanished">Today</translation>
    </message>
    <message>
        <source>Últimos 7 días</source>
        <translation type="vanished">Last 7 days</translation>
    </message>
    <message>
        <source>Últimos 30 días</source>
        <translation type="vanished">Last 30 days</translation>
    </message>
    <message>
        <source>Todo lo guardado</source>
        <translation type="vanished">Everything stored</translation>
    </message>
    <message>
        <source>Personalizado</source>
        <translation type="vanished">Custom</translation>
    </message>
    <message>
        <source>Desde</source>
        <translation type="vanished">From</translation>
    </message>
    <message>
        <source>Hasta</source>
        <translation type="vanished">To</translation>
    </message>
    <message>
        <source>Recibo por facturar</source>
        <translation type="vanished">Receipt to invoice</translation>
    </message>
    <message>
        <source>Filtrar por cliente</source>
        <translation type="vanished">Filter by client</translation>
    </message>
    <message>
        <source>Todas las formas de pago</source>
        <translation type="vanished">All payment methods</translation>
    </message>
    <message>
        <source>Solicitar pago…</source>
        <translation>Request payment…</translation>
    </message>
    <message>
        <source>Crea un enlace de pago para el cliente (Ctrl+Shift+N)</source>
        <translation>Create a payment link for the client (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>Actualizar</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Trae los pagos recientes de gigstack (F5)</source>
        <translation>Fetch recent payments from gigstack (F5)</translation>
    </message>
    <message>
        <source>Elige un pago para ver su detalle.</source>
        <translation type="vanished">Choose a payment to see its details.</translation>
    </message>
    <message>
        <source>Partidas</source>
        <translation type="vanished">Items</translation>
    </message>
    <message>
        <source>Importes</source>
        <translation type="vanished">Amounts</translation>
    </message>
    <message>
        <source>Facturas</source>
        <translation type="vanished">Invoices</translation>
    </message>
    <message>
        <source>ID local</source>
        <translation type="vanished">Local ID</translation>
    </message>
    <message>
        <source>ID en gigstack</source>
        <translation type="vanished">gigstack ID</translation>
    </message>
    <message>
        <source>Enlace de pago</source>
        <translation>Payment link</translation>
    </message>
    <message>
        <source>Último error</source>
        <translation type="vanished">Last error</translation>
    </message>
    <message>
        <source>Copiar enlace</source>
        <translation type="vanished">Copy link</translation>
    </message>
    <message>
        <source>Mostrar QR</source>
        <translation type="vanished">Show QR</translation>
    </message>
    <message>
        <source>Cancelar pago…</source>
        <translation type="vanished">Cancel payment…</translation>
    </message>
    <message>
        <source>Pagado</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Pendiente de pago</source>
        <translation>Awaiting payment</translation>
    </message>
    <message>
        <source>Pendiente</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Procesando</source>
        <translation>Processing</translation>
    </message>
    <message>
        <source>Fallido</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Cancelado</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Reembolsado</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>Reembolso parcial</source>
        <translation>Partially refunded</translation>
    </message>
    <message>
        <source>En cola</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Detenido</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>Todos los estados</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Por crear</source>
        <translation>To be made</translation>
    </message>
    <message>
        <source>Facturada</source>
        <translation>Invoiced</translation>
    </message>
    <message>
        <source>Recibo</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Recibo pendiente</source>
        <translation>Receipt pending</translation>
    </message>
    <message>
        <source>Recibo facturado</source>
        <translation>Receipt invoiced</translation>
    </message>
    <message>
        <source>Recibo vencido</source>
        <translation>Receipt expired</translation>
    </message>
    <message>
        <source>En la factura global</source>
        <translation>In the global invoice</translation>
    </message>
    <message>
        <source>Recibo cancelado</source>
        <translation>Receipt cancelled</translation>
    </message>
    <message>
        <source>Sin comprobante</source>
        <translation>No fiscal document</translation>
    </message>
    <message>
        <source>Cancela el pago en gigstack (Ctrl+Shift+X)</source>
        <translation type="vanished">Cancel the payment in gigstack (Ctrl+Shift+X)</translation>
    </message>
    <message>
        <source>Marcar pagado…</source>
        <translation type="vanished">Mark paid…</translation>
    </message>
    <message>
        <source>Registra que el cliente ya pagó un pago pendiente (Ctrl+Shift+M)</source>
        <translation type="vanished">Record that the client already paid a pending payment (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>Reembolsar…</source>
        <translation type="vanished">Refund…</translation>
    </message>
    <message>
        <source>Devuelve todo o parte del pago (Ctrl+Shift+R)</source>
        <translation type="vanished">Refund all or part of the payment (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Ver en la cola</source>
        <translation type="vanished">See in the queue</translation>
    </message>
    <message>
        <source>Esta venta aún no llega a gigstack: revísala en la cola de envíos</source>
        <translation type="vanished">This sale has not reached gigstack yet: check it in the send queue</translation>
    </message>
    <message>
        <source>Sin conexión con gigstack: esta acción necesita al servidor. Las ventas siguen registrándose en la cola; inténtalo cuando vuelva la conexión.</source>
        <translation>No connection to gigstack: this action needs the server. Sales keep being recorded in the queue; try again when the connection is back.</translation>
    </message>
    <message>
        <source>1 pago · cobrado {total}</source>
        <translation>1 payment · collected {total}</translation>
    </message>
    <message>
        <source>{n} pagos · cobrado {total}</source>
        <translation>{n} payments · collected {total}</translation>
    </message>
    <message>
        <source> · reembolsado {total}</source>
        <translation> · refunded {total}</translation>
    </message>
    <message>
        <source> · {n} cancelados</source>
        <translation> · {n} cancelled</translation>
    </message>
    <message>
        <source> · 1 cancelado</source>
        <translation> · 1 cancelled</translation>
    </message>
    <message>
        <source> · {n} sin enviar a gigstack</source>
        <translation> · {n} not yet sent to gigstack</translation>
    </message>
    <message>
        <source>Pago {folio} · {total}</source>
        <translation type="vanished">Payment {folio} · {total}</translation>
    </message>
    <message>
        <source>Subtotal {v}</source>
        <translation type="vanished">Subtotal {v}</translation>
    </message>
    <message>
        <source>Impuestos {v}</source>
        <translation type="vanished">Taxes {v}</translation>
    </message>
    <message>
        <source>Total {v}</source>
        <translation type="vanished">Total {v}</translation>
    </message>
    <message>
        <source>Reembolsado {v}</source>
        <translation type="vanished">Refunded {v}</translation>
    </message>
    <message>
        <source>Sin factura</source>
        <translation type="vanished">No invoice</translation>
    </message>
    <message>
        <source>Aún no (en la cola)</source>
        <translation type="vanished">Not yet (in the queue)</translation>
    </message>
    <message>
        <source>Esta venta aún no llega a gigstack. Cuando se envíe podrás cancelarla o reembolsarla aquí.</source>
        <translation type="vanished">This sale has not reached gigstack yet. Once it is sent you can cancel or refund it here.</translation>
    </message>
    <message>
        <source>Enlace copiado.</source>
        <translation>Link copied.</translation>
    </message>
    <message>
        <source>Elige la venta cuyo ticket quieres imprimir.</source>
        <translation type="vanished">Pick the sale whose ticket you want to print.</translation>
    </message>
    <message>
        <source>No hay impresora predeterminada para el ticket.</source>
        <translation type="vanished">There is no default printer for the ticket.</translation>
    </message>
    <message>
        <source>Elige la venta cuyo ticket quieres guardar.</source>
        <translation type="vanished">Pick the sale whose ticket you want to save.</translation>
    </message>
    <message>
        <source>Guardar ticket como PDF</source>
        <translation type="vanished">Save ticket as PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="vanished">PDF (*.pdf)</translation>
    </message>
    <message>
        <source>No se pudo guardar el PDF en {path}.</source>
        <translation type="vanished">The PDF could not be saved to {path}.</translation>
    </message>
    <message>
        <source>Ticket guardado en {path}</source>
        <translation type="vanished">Ticket saved to {path}</translation>
    </message>
    <message>
        <source>Elige un pago que ya esté en gigstack.</source>
        <translation type="vanished">Choose a payment that is already in gigstack.</translation>
    </message>
    <message>
        <source>Pago {folio} cancelado.</source>
        <translation type="vanished">Payment {folio} cancelled.</translation>
    </message>
    <message>
        <source>Este pago tiene factura ({0}). Cancelar el pago NO cancela la factura ante el SAT; después te ofreceremos cancelarla.</source>
        <translation type="vanished">This payment has an invoice ({0}). Cancelling the payment does NOT cancel the invoice at the SAT; you will be offered to cancel it next.</translation>
    </message>
    <message>
        <source>Cancelar también la factura</source>
        <translation type="vanished">Cancel the invoice too</translation>
    </message>
    <message>
        <source>El pago quedó cancelado, pero su factura {0} sigue vigente ante el SAT. ¿Cancelar la factura ahora?</source>
        <translation type="vanished">The payment is cancelled, but its invoice {0} is still valid at the SAT. Cancel the invoice now?</translation>
    </message>
    <message>
        <source>Pago {folio} marcado como pagado.</source>
        <translation type="vanished">Payment {folio} marked as paid.</translation>
    </message>
    <message>
        <source>Reembolso del pago {folio} registrado.</source>
        <translation type="vanished">Refund of payment {folio} recorded.</translation>
    </message>
    <message>
        <source>Esta venta no tiene un recibo que se pueda facturar.</source>
        <translation type="vanished">This sale has no receipt that can be invoiced.</translation>
    </message>
    <message>
        <source>Factura de la venta {folio} timbrada a {name}.</source>
        <translation type="vanished">Invoice of sale {folio} stamped to {name}.</translation>
    </message>
    <message>
        <source>Enlace de pago creado.</source>
        <translation type="vanished">Payment link created.</translation>
    </message>
    <message>
        <source>Hecho en gigstack, pero no se pudo anotar en el turno: {why}</source>
        <translation type="vanished">Done in gigstack, but it could not be noted in the shift: {why}</translation>
    </message>
    <message>
        <source>Reemb. parcial</source>
        <extracomment>The table&apos;s words for the two long statuses (the tooltip and the detail give them whole): the Estado column fits its longest label, and a partial refund once took the client&apos;s name down to two letters at 1366x768.</extracomment>
        <translation>Part. refunded</translation>
    </message>
    <message>
        <source>Por pagar</source>
        <translation>To be paid</translation>
    </message>
</context>
<context>
    <name>PaymentsTable</name>
    <message>
        <source>Vendida</source>
        <extracomment>How much of a gigstack id the Folio column shows for a payment made outside a till.</extracomment>
        <translation>Sold</translation>
    </message>
    <message>
        <source>Folio</source>
        <translation>Folio</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Comprobante</source>
        <translation>Fiscal document</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Autorización del encargado</source>
        <translation>Manager authorization</translation>
    </message>
    <message>
        <source>Para {0} se necesita el PIN del encargado.</source>
        <translation>To {0} the manager&apos;s PIN is needed.</translation>
    </message>
    <message>
        <source>Esta acción necesita el PIN del encargado.</source>
        <translation>This action needs the manager&apos;s PIN.</translation>
    </message>
    <message>
        <source>PIN del encargado</source>
        <translation>Manager PIN</translation>
    </message>
    <message>
        <source>Autorizar</source>
        <translation>Authorize</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <source>Demasiados intentos. Espera 1 segundo e intenta de nuevo.</source>
        <translation>Too many attempts. Wait 1 second and try again.</translation>
    </message>
    <message>
        <source>Demasiados intentos. Espera {n} segundos e intenta de nuevo.</source>
        <translation>Too many attempts. Wait {n} seconds and try again.</translation>
    </message>
    <message>
        <source>Demasiados intentos. Espera {0} segundos e intenta de nuevo.</source>
        <translation type="vanished">Too many attempts. Wait {0} seconds and try again.</translation>
    </message>
    <message>
        <source>PIN incorrecto.</source>
        <translation>Wrong PIN.</translation>
    </message>
</context>
<context>
    <name>ProductKeyPicker</name>
    <message>
        <source>Escribe qué vendes (p. ej. café) o la clave</source>
        <translation>Type what you sell (e.g. coffee) or the code</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>Folio</source>
        <translation>Folio</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Detalle</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Antigüedad</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Intentos</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Último error</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>ID en gigstack</source>
        <translation>gigstack ID</translation>
    </message>
    <message>
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Acción</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Buscar folio, cliente, error… (Ctrl+F)</source>
        <translation>Search folio, client, error… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Buscar en la cola</source>
        <translation>Search the queue</translation>
    </message>
    <message>
        <source>Mostrar:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>Mostrar {what}</source>
        <translation>Show {what}</translation>
    </message>
    <message>
        <source>Mostrar también lo ya enviado</source>
        <translation>Also show what was already sent</translation>
    </message>
    <message>
        <source>Reintentar ahora</source>
        <translation>Retry now</translation>
    </message>
    <message>
        <source>Pendiente</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Enviando</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Enviado</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Detenido</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>Descartado</source>
        <translation>Discarded</translation>
    </message>
    <message>
        <source>Pendientes</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Detenidos</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>Descartados</source>
        <translation>Discarded</translation>
    </message>
    <message>
        <source>Enviados</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Entró a la cola</source>
        <translation>Entered the queue</translation>
    </message>
    <message>
        <source>Enviado a gigstack</source>
        <translation>Sent to gigstack</translation>
    </message>
    <message>
        <source>Falló; se reintentará</source>
        <translation>Failed; will retry</translation>
    </message>
    <message>
        <source>Devuelto a la cola</source>
        <translation>Returned to the queue</translation>
    </message>
    <message>
        <source>Editado</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>Recuperado tras un cierre</source>
        <translation>Recovered after a shutdown</translation>
    </message>
    <message>
        <source>Líneas fijadas para el envío</source>
        <translation>Lines fixed for sending</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Servicio</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Envía de nuevo en este momento (Ctrl+R)</source>
        <translation>Send again right now (Ctrl+R)</translation>
    </message>
    <message>
        <source>Editar y reenviar…</source>
        <translation>Edit and resend…</translation>
    </message>
    <message>
        <source>Corrige los datos que gigstack rechazó (Ctrl+E)</source>
        <translation>Fix the data gigstack rejected (Ctrl+E)</translation>
    </message>
    <message>
        <source>Descartar…</source>
        <translation>Discard…</translation>
    </message>
    <message>
        <source>No enviar nunca; pide un motivo y lo deja en el historial (Ctrl+Supr)</source>
        <translation>Never send; asks for a reason and keeps it in the history (Ctrl+Del)</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Creado</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Próximo intento</source>
        <translation>Next attempt</translation>
    </message>
    <message>
        <source>ID local</source>
        <translation>Local ID</translation>
    </message>
    <message>
        <source>Clave de idempotencia</source>
        <translation>Idempotency key</translation>
    </message>
    <message>
        <source>Historial</source>
        <translation>History</translation>
    </message>
    <message>
        <source>{shown} de {total}</source>
        <translation>{shown} of {total}</translation>
    </message>
    <message>
        <source>Elige un elemento de la cola para ver su historial.</source>
        <translation>Choose a queue item to see its history.</translation>
    </message>
    <message>
        <source>{kind} {name}</source>
        <translation>{kind} {name}</translation>
    </message>
    <message>
        <source>Elige un elemento de la cola.</source>
        <translation>Choose a queue item.</translation>
    </message>
    <message>
        <source>{name} está {state}: no aplica.</source>
        <translation>{name} is {state}: does not apply.</translation>
    </message>
    <message>
        <source>{name}: sin conexión; se enviará en cuanto vuelva.</source>
        <translation>{name}: offline; it will be sent as soon as the connection is back.</translation>
    </message>
    <message>
        <source>{name}: se reintentará ahora.</source>
        <translation>{name}: will be retried now.</translation>
    </message>
    <message>
        <source>{name} corregido; se envía de nuevo.</source>
        <translation>{name} fixed; sending again.</translation>
    </message>
    <message>
        <source>descartar una venta de la cola</source>
        <translation>discard a queued sale</translation>
    </message>
    <message>
        <source>{name} descartado.</source>
        <translation>{name} discarded.</translation>
    </message>
    <message>
        <source>Venta</source>
        <translation>Sale</translation>
    </message>
    <message>
        <source>Cliente nuevo</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>Cambio de cliente</source>
        <translation>Client change</translation>
    </message>
    <message>
        <source>Servicio nuevo</source>
        <translation>New service</translation>
    </message>
    <message>
        <source>Cambio de servicio</source>
        <translation>Service change</translation>
    </message>
    <message>
        <source>Factura</source>
        <translation>Invoice</translation>
    </message>
</context>
<context>
    <name>ReceiptsPage</name>
    <message>
        <source>Por facturar</source>
        <translation>To invoice</translation>
    </message>
    <message>
        <source>Facturado</source>
        <translation>Invoiced</translation>
    </message>
    <message>
        <source>En factura global</source>
        <translation>In global invoice</translation>
    </message>
    <message>
        <source>Vencido: va a la global</source>
        <translation>Expired: goes to the global invoice</translation>
    </message>
    <message>
        <source>Cancelado</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Todos los recibos</source>
        <translation>All receipts</translation>
    </message>
    <message>
        <source>Pendientes para la factura global</source>
        <translation>Pending for the global invoice</translation>
    </message>
    <message>
        <source>Aún facturables por el cliente</source>
        <translation>Still invoiceable by the customer</translation>
    </message>
    <message>
        <source>Facturados</source>
        <translation>Invoiced</translation>
    </message>
    <message>
        <source>Cancelados</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Recibos</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <source>Buscar recibos</source>
        <translation>Search receipts</translation>
    </message>
    <message>
        <source>Buscar cliente, importe, folio… (Ctrl+F)</source>
        <translation>Search customer, amount, folio… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Mostrar</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Facturar…</source>
        <translation>Invoice…</translation>
    </message>
    <message>
        <source>Timbra la factura para un cliente con RFC o para público en general</source>
        <translation>Stamps the invoice for a customer with an RFC or for the general public</translation>
    </message>
    <message>
        <source>Copiar enlace</source>
        <translation>Copy link</translation>
    </message>
    <message>
        <source>QR grande</source>
        <translation>Large QR</translation>
    </message>
    <message>
        <source>Muestra el código grande para el teléfono del cliente</source>
        <translation>Shows the code large for the customer&apos;s phone</translation>
    </message>
    <message>
        <source>Cancelar recibo…</source>
        <translation>Cancel receipt…</translation>
    </message>
    <message>
        <source>El cliente escanea el código para hacer su factura.</source>
        <translation>The customer scans the code to get their invoice.</translation>
    </message>
    <message>
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Vence</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>Nada pendiente para la factura global.</source>
        <translation>Nothing pending for the global invoice.</translation>
    </message>
    <message>
        <source>Para la factura global: 1 recibo por {total}</source>
        <translation>For the global invoice: 1 receipt for {total}</translation>
    </message>
    <message>
        <source>Para la factura global: {n} recibos por {total}</source>
        <translation>For the global invoice: {n} receipts for {total}</translation>
    </message>
    <message>
        <source> · el primero vence {0}</source>
        <translation> · the first expires {0}</translation>
    </message>
    <message>
        <source>Vigencia</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>Importes</source>
        <translation>Amounts</translation>
    </message>
    <message>
        <source>Autofactura</source>
        <translation>Self-invoice</translation>
    </message>
    <message>
        <source>Facturas</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <source>Pagos</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>ID en gigstack</source>
        <translation>gigstack ID</translation>
    </message>
    <message>
        <source>Elige un recibo para ver su detalle.</source>
        <translation>Choose a receipt to see its details.</translation>
    </message>
    <message>
        <source>Recibo · {total}</source>
        <translation>Receipt · {total}</translation>
    </message>
    <message>
        <source>Subtotal {s} · Impuestos {t} · Total {total}</source>
        <translation>Subtotal {s} · Taxes {t} · Total {total}</translation>
    </message>
    <message>
        <source>Factura global {0}</source>
        <translation>Global invoice {0}</translation>
    </message>
    <message>
        <source>Sin factura todavía</source>
        <translation>No invoice yet</translation>
    </message>
    <message>
        <source>Hasta {0}</source>
        <translation>Until {0}</translation>
    </message>
    <message>
        <source>Venció el {0}: entra en la factura global</source>
        <translation>Expired on {0}: goes into the global invoice</translation>
    </message>
    <message>
        <source>Vence hoy ({0})</source>
        <translation>Expires today ({0})</translation>
    </message>
    <message>
        <source>Vence en 1 día ({when})</source>
        <translation>Expires in 1 day ({when})</translation>
    </message>
    <message>
        <source>Vence en {n} días ({when})</source>
        <translation>Expires in {n} days ({when})</translation>
    </message>
    <message>
        <source>Vence en {n} días ({0})</source>
        <translation type="vanished">Expires in {n} days ({0})</translation>
    </message>
    <message>
        <source>Enlace de autofactura copiado.</source>
        <translation>Self-invoice link copied.</translation>
    </message>
    <message>
        <source>Factura tu compra</source>
        <translation>Invoice your purchase</translation>
    </message>
    <message>
        <source>Escanea el código para hacer tu factura.</source>
        <translation>Scan the code to get your invoice.</translation>
    </message>
    <message>
        <source>Elige un recibo primero.</source>
        <translation>Choose a receipt first.</translation>
    </message>
    <message>
        <source>facturar un recibo</source>
        <translation>invoicing a receipt</translation>
    </message>
    <message>
        <source>Recibo facturado.</source>
        <translation>Receipt invoiced.</translation>
    </message>
    <message>
        <source>facturar el recibo</source>
        <translation>invoice the receipt</translation>
    </message>
    <message>
        <source>cancelar un recibo</source>
        <translation>cancelling a receipt</translation>
    </message>
    <message>
        <source>Cancelar recibo</source>
        <translation>Cancel receipt</translation>
    </message>
    <message>
        <source>¿Cancelar el recibo por {0} de {1}? El cliente ya no podrá facturarlo y no entrará en la factura global. El cobro NO se devuelve con esto: si hubo devolución, regístrala en Pagos. No se puede deshacer.</source>
        <translation>Cancel the receipt for {0} from {1}? The customer will no longer be able to invoice it and it will not go into the global invoice. The payment is NOT refunded by this: if money was returned, record it in Payments. This cannot be undone.</translation>
    </message>
    <message>
        <source>público en general</source>
        <translation>the general public</translation>
    </message>
    <message>
        <source>Sí, cancelar el recibo</source>
        <translation>Yes, cancel the receipt</translation>
    </message>
    <message>
        <source>cancelar el recibo por {0}</source>
        <translation>cancel the receipt for {0}</translation>
    </message>
    <message>
        <source>Recibo por {0} cancelado.</source>
        <translation>Receipt for {0} cancelled.</translation>
    </message>
    <message>
        <source>cancelar el recibo</source>
        <translation>cancel the receipt</translation>
    </message>
</context>
<context>
    <name>RecordPage</name>
    <message>
        <source>Detenido: revisa la Cola</source>
        <extracomment>A reload built in steps works this long between events (well inside one 16 ms frame)... ...looking at the clock every this many rows. Joins a row&apos;s own texts into one string (a control character no display text needs).</extracomment>
        <translation>Held: check the Queue</translation>
    </message>
    <message>
        <source>Pendiente de enviar</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <source>Actualizar</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Traer de gigstack la lista al día (F5)</source>
        <translation>Bring the up-to-date list from gigstack (F5)</translation>
    </message>
    <message>
        <source>{0} en total</source>
        <translation>{0} in total</translation>
    </message>
    <message>
        <source>{0} de {1}</source>
        <translation>{0} of {1}</translation>
    </message>
    <message>
        <source>Cambios guardados; pendientes de enviar a gigstack.</source>
        <translation>Changes saved; waiting to be sent to gigstack.</translation>
    </message>
    <message>
        <source>Sin conexión: {0} necesita a gigstack. Intenta cuando vuelva la conexión.</source>
        <translation>No connection: {0} needs gigstack. Try again when the connection is back.</translation>
    </message>
    <message>
        <source>Enviando a gigstack: {0}…</source>
        <translation>Sending to gigstack: {0}…</translation>
    </message>
    <message>
        <source>No se pudo completar {0}: {1}</source>
        <translation>Could not complete {0}: {1}</translation>
    </message>
    <message>
        <source>Actualizar desde gigstack</source>
        <translation>Update from gigstack</translation>
    </message>
    <message>
        <source>actualizar este {0} desde gigstack</source>
        <translation>update this {0} from gigstack</translation>
    </message>
    <message>
        <source>Este {0} ya no existe en gigstack; se quitó de la lista.</source>
        <translation>This {0} no longer exists in gigstack; it was removed from the list.</translation>
    </message>
    <message>
        <source>Datos al día desde gigstack.</source>
        <translation>Up to date from gigstack.</translation>
    </message>
    <message>
        <source>Selecciona un {0} primero.</source>
        <translation>Select a {0} first.</translation>
    </message>
    <message>
        <source>Este {0} aún no llega a gigstack (pendiente de enviar): {1} podrá hacerse cuando se envíe.</source>
        <translation>This {0} has not reached gigstack yet (waiting to be sent): {1} will be possible once it is sent.</translation>
    </message>
    <message>
        <source>Eliminar</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RecordPicker</name>
    <message>
        <source>Escribe parte del nombre, el RFC, el SKU o el código; flechas y Enter.</source>
        <extracomment>How many matches the list shows (the counter&apos;s client box shows as many). A picker that filters records out (the generic RFCs) asks for more, up to this many times its limit, before it settles for fewer.</extracomment>
        <translation>Type part of the name, the RFC, the SKU or the code; arrows and Enter.</translation>
    </message>
    <message>
        <source>Escribe parte del nombre o el RFC; flechas para elegir, Enter para usar.</source>
        <translation>Type part of the name or the RFC; arrows to choose, Enter to use.</translation>
    </message>
    <message>
        <source>No hay productos ni servicios guardados en esta caja.</source>
        <translation>There are no products or services stored at this till.</translation>
    </message>
    <message>
        <source>No hay clientes guardados en esta caja.</source>
        <translation>There are no clients stored at this till.</translation>
    </message>
    <message>
        <source>Ningún producto o servicio coincide con «{text}».</source>
        <translation>No product or service matches “{text}”.</translation>
    </message>
    <message>
        <source>Ningún cliente coincide con «{text}».</source>
        <translation>No client matches “{text}”.</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Reembolsar pago</source>
        <translation>Refund payment</translation>
    </message>
    <message>
        <source>Reembolsar</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Pago {folio}: total {total}, se puede reembolsar hasta {left}.</source>
        <translation>Payment {folio}: total {total}, up to {left} can be refunded.</translation>
    </message>
    <message>
        <source>Ya se reembolsó {done}.</source>
        <translation>{done} was already refunded.</translation>
    </message>
    <message>
        <source>Monto a reembolsar</source>
        <translation>Amount to refund</translation>
    </message>
    <message>
        <source>Motivo del reembolso</source>
        <translation>Reason for the refund</translation>
    </message>
    <message>
        <source>Por ejemplo: devolución de mercancía</source>
        <translation>For example: returned goods</translation>
    </message>
    <message>
        <source>&amp;Monto</source>
        <extracomment>The amount `body()` last checked (sent to gigstack and recorded in the shift).</extracomment>
        <translation>&amp;Amount</translation>
    </message>
    <message>
        <source>M&amp;otivo</source>
        <translation>R&amp;eason</translation>
    </message>
    <message>
        <source>Reembolso en mostrador</source>
        <translation>Refund at the counter</translation>
    </message>
    <message>
        <source>Escribe el monto con números, por ejemplo 150.00</source>
        <translation type="vanished">Type the amount in numbers, for example 150.00</translation>
    </message>
    <message>
        <source>El monto debe ser mayor que cero</source>
        <translation type="vanished">The amount must be greater than zero</translation>
    </message>
    <message>
        <source>El monto lleva a lo más dos decimales</source>
        <translation type="vanished">The amount has at most two decimals</translation>
    </message>
    <message>
        <source>No puede ser mayor que {left} (total del pago {total})</source>
        <translation type="vanished">It cannot be more than {left} (payment total {total})</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>&amp;Desde</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>&amp;Hasta</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>Actualizar</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Ayer</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>Cada venta cuenta en el día y la hora en que se cobró; los reembolsos y cancelaciones se restan de la venta que deshacen.</source>
        <translation>Each sale counts on the day and hour it was charged; refunds and cancellations are subtracted from the sale they undo.</translation>
    </message>
    <message>
        <source>Caja · cajero</source>
        <translation>Till · cashier</translation>
    </message>
    <message>
        <source>Cancelaciones</source>
        <translation>Cancellations</translation>
    </message>
    <message>
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Desde</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Día</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>En cola</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Espera a que termine de leer las ventas.</source>
        <translation>Wait until the sales have been read.</translation>
    </message>
    <message>
        <source>Este mes</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Exportar &amp;CSV</source>
        <translation>Export &amp;CSV</translation>
    </message>
    <message>
        <source>Exportar ventas a CSV</source>
        <translation>Export sales to CSV</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment form</translation>
    </message>
    <message>
        <source>Hasta</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Hora</source>
        <translation>Hour</translation>
    </message>
    <message>
        <source>Hoy</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Importe</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Leyendo las ventas…</source>
        <translation>Reading the sales…</translation>
    </message>
    <message>
        <source>1 venta sigue en la cola: ya cuenta aunque aún no llegue a gigstack.</source>
        <translation>1 sale is still queued: it already counts even though it has not reached gigstack yet.</translation>
    </message>
    <message>
        <source>1 venta en cola sin importe conocido hasta que gigstack la registre.</source>
        <translation>1 queued sale with no known amount until gigstack registers it.</translation>
    </message>
    <message>
        <source>No se pudo guardar el CSV en {path}: {why}</source>
        <translation>The CSV could not be saved to {path}: {why}</translation>
    </message>
    <message>
        <source>Por caja y cajero</source>
        <translation>By till and cashier</translation>
    </message>
    <message>
        <source>Por día</source>
        <translation>By day</translation>
    </message>
    <message>
        <source>Por forma de pago</source>
        <translation>By payment form</translation>
    </message>
    <message>
        <source>Por hora</source>
        <translation>By hour</translation>
    </message>
    <message>
        <source>Por producto</source>
        <translation>By product</translation>
    </message>
    <message>
        <source>Producto</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Reembolsos</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <source>Reportes de ventas</source>
        <translation>Sales reports</translation>
    </message>
    <message>
        <source>Sin ventas en estas fechas</source>
        <translation>No sales on these dates</translation>
    </message>
    <message>
        <source>Ticket promedio</source>
        <translation>Average ticket</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Total cobrado</source>
        <translation>Total collected</translation>
    </message>
    <message>
        <source>Vendido</source>
        <translation>Sold</translation>
    </message>
    <message>
        <source>Ventas</source>
        <translation>Sales</translation>
    </message>
    <message>
        <source>Ventas exportadas a {path}</source>
        <translation>Sales exported to {path}</translation>
    </message>
    <message>
        <source>Ventas por día</source>
        <translation>Sales by day</translation>
    </message>
    <message>
        <source>Ventas por hora</source>
        <translation>Sales by hour</translation>
    </message>
    <message>
        <source>Ventas por mes</source>
        <translation>Sales by month</translation>
    </message>
    <message>
        <source>{n} ventas en cola sin importe conocido hasta que gigstack las registre.</source>
        <translation>{n} queued sales have no known amount until gigstack registers them.</translation>
    </message>
    <message>
        <source>{n} ventas siguen en la cola: ya cuentan aunque aún no lleguen a gigstack.</source>
        <translation>{n} sales are still queued: they count already, even though gigstack does not have them yet.</translation>
    </message>
    <message>
        <source>«Desde» es posterior a «Hasta».</source>
        <translation>“From” is after “To”.</translation>
    </message>
    <message>
        <source>Últimos 7 días</source>
        <translation>Last 7 days</translation>
    </message>
</context>
<context>
    <name>RequestPaymentDialog</name>
    <message>
        <source>Tarjeta</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Transferencia bancaria</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <source>OXXO</source>
        <translation>OXXO</translation>
    </message>
    <message>
        <source>Solicitar pago</source>
        <translation>Request payment</translation>
    </message>
    <message>
        <source>Crear enlace de pago</source>
        <translation>Create payment link</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Nombre o RFC del cliente</source>
        <translation>Client&apos;s name or RFC</translation>
    </message>
    <message>
        <source>Producto o servicio</source>
        <translation>Product or service</translation>
    </message>
    <message>
        <source>Descripción o SKU</source>
        <translation type="vanished">Description or SKU</translation>
    </message>
    <message>
        <source>Descripción, SKU o código de barras</source>
        <translation>Description, SKU or barcode</translation>
    </message>
    <message>
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>&amp;Agregar</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>Agrega la partida (Alt+A)</source>
        <translation>Add the item (Alt+A)</translation>
    </message>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Precio</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Importe</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>&amp;Quitar partida</source>
        <translation>&amp;Remove item</translation>
    </message>
    <message>
        <source>Quita la partida seleccionada (Supr)</source>
        <translation>Remove the selected item (Del)</translation>
    </message>
    <message>
        <source>Formas de pago permitidas</source>
        <translation>Allowed payment methods</translation>
    </message>
    <message>
        <source>Enviar el enlace por correo al cliente</source>
        <translation>Email the link to the client</translation>
    </message>
    <message>
        <source>Facturar automáticamente cuando pague</source>
        <translation>Invoice automatically when they pay</translation>
    </message>
    <message>
        <source>Cant.</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>C&amp;liente</source>
        <translation>C&amp;lient</translation>
    </message>
    <message>
        <source>Partidas</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Elige un producto o servicio de la lista</source>
        <translation>Choose a product or service from the list</translation>
    </message>
    <message>
        <source>La cantidad debe ser un número mayor que cero</source>
        <translation type="vanished">The quantity must be a number greater than zero</translation>
    </message>
    <message>
        <source>Sin partidas</source>
        <translation>No items</translation>
    </message>
    <message>
        <source>Total: {total}</source>
        <translation>Total: {total}</translation>
    </message>
    <message>
        <source>Elige un cliente de la lista (por nombre o RFC)</source>
        <translation>Choose a client from the list (by name or RFC)</translation>
    </message>
    <message>
        <source>Agrega al menos un producto o servicio</source>
        <translation>Add at least one product or service</translation>
    </message>
    <message>
        <source>Permite al menos una forma de pago</source>
        <translation>Allow at least one payment method</translation>
    </message>
    <message>
        <source>Cerrar</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SaleTickets</name>
    <message>
        <source>No se imprimió el ticket: no hay impresora predeterminada. Elige una en el sistema o imprime con Ctrl+P.</source>
        <translation>The ticket was not printed: there is no default printer. Choose one in the system or print with Ctrl+P.</translation>
    </message>
    <message>
        <source>No se pudo imprimir el ticket: la impresora no respondió. Revisa que esté encendida y conectada, o guarda el ticket como PDF.</source>
        <translation>The ticket could not be printed: the printer did not respond. Check that it is on and connected, or save the ticket as PDF.</translation>
    </message>
</context>
<context>
    <name>SalesChart</name>
    <message>
        <source>{label}: {amount} · 1 venta</source>
        <extracomment>Up to this many days the chart shows one bar per day; longer ranges, one per month.</extracomment>
        <translation>{label}: {amount} · 1 sale</translation>
    </message>
    <message>
        <source>{label}: {amount} · {n} ventas</source>
        <translation>{label}: {amount} · {n} sales</translation>
    </message>
</context>
<context>
    <name>SendInvoiceDialog</name>
    <message>
        <source>Enviar factura por correo</source>
        <translation>Send invoice by email</translation>
    </message>
    <message>
        <source>Enviar</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Correos</source>
        <translation>Emails</translation>
    </message>
    <message>
        <source>cliente@ejemplo.com, contabilidad@ejemplo.com</source>
        <translation>customer@example.com, accounting@example.com</translation>
    </message>
    <message>
        <source>Factura {folio}</source>
        <translation>Invoice {folio}</translation>
    </message>
    <message>
        <source>&amp;Correos</source>
        <translation>&amp;Emails</translation>
    </message>
    <message>
        <source>Escribe al menos un correo.</source>
        <translation>Type at least one email address.</translation>
    </message>
    <message>
        <source>Revisa este correo: {0}</source>
        <translation>Check this email address: {0}</translation>
    </message>
</context>
<context>
    <name>SeriesDialog</name>
    <message>
        <source>Folios de la serie</source>
        <translation>Series folios</translation>
    </message>
    <message>
        <source>Nueva serie</source>
        <translation>New series</translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Serie</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>Último folio (producción)</source>
        <translation>Last folio (live)</translation>
    </message>
    <message>
        <source>Último folio (pruebas)</source>
        <translation>Last folio (test)</translation>
    </message>
    <message>
        <source>El contador guarda el último folio usado: la siguiente factura lleva el que sigue. Bajarlo puede repetir folios.</source>
        <translation>The counter holds the last folio used: the next invoice takes the one after it. Lowering it can repeat folios.</translation>
    </message>
    <message>
        <source>&amp;Serie</source>
        <translation>&amp;Series</translation>
    </message>
    <message>
        <source>Folio en &amp;producción</source>
        <translation>&amp;Live folio</translation>
    </message>
    <message>
        <source>Folio en p&amp;ruebas</source>
        <translation>&amp;Test folio</translation>
    </message>
    <message>
        <source>La serie lleva de 1 a 25 letras o números.</source>
        <translation type="vanished">A series has 1 to 25 letters or digits.</translation>
    </message>
</context>
<context>
    <name>ServerListPage</name>
    <message>
        <source>Actualizar</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Vuelve a pedir la lista a gigstack (F5)</source>
        <translation>Asks gigstack for the list again (F5)</translation>
    </message>
    <message>
        <source>Sin conexión: se muestra la última lista que llegó de gigstack.</source>
        <translation>Offline: showing the last list gigstack sent.</translation>
    </message>
    <message>
        <source>Consultando gigstack…</source>
        <translation>Asking gigstack…</translation>
    </message>
    <message>
        <source>No se pudo traer la lista: {0}</source>
        <translation>Could not get the list: {0}</translation>
    </message>
    <message>
        <source>No se pudo actualizar; se muestra la lista anterior. {0}</source>
        <translation>Could not refresh; showing the previous list. {0}</translation>
    </message>
    <message>
        <source>{0} en total</source>
        <translation>{0} in total</translation>
    </message>
    <message>
        <source>{0} de {1}</source>
        <translation>{0} of {1}</translation>
    </message>
    <message>
        <source>Sin conexión: {0} necesita a gigstack. Intenta cuando vuelva la conexión.</source>
        <translation>Offline: {0} needs gigstack. Try again when the connection is back.</translation>
    </message>
    <message>
        <source>Espera a que termine la operación anterior.</source>
        <translation>Wait for the previous operation to finish.</translation>
    </message>
    <message>
        <source>Enviando a gigstack: {0}…</source>
        <translation>Sending to gigstack: {0}…</translation>
    </message>
    <message>
        <source>No se pudo {0}: {1}</source>
        <translation>Could not {0}: {1}</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <source>El código de barras debe tener 13 dígitos (EAN-13; también 8 o 12).</source>
        <translation type="vanished">The barcode must have 13 digits (EAN-13; also 8 or 12).</translation>
    </message>
    <message>
        <source>El dígito verificador no coincide (termina en «{0}», debería ser «{1}»). Revisa el código o escanéalo de nuevo.</source>
        <translation type="vanished">The check digit does not match (it ends in “{0}”, it should be “{1}”). Check the code or scan it again.</translation>
    </message>
    <message>
        <source>Escribe el precio.</source>
        <translation type="vanished">Type the price.</translation>
    </message>
    <message>
        <source>«{0}» no es un precio (ejemplo: 45.50).</source>
        <translation type="vanished">“{0}” is not a price (example: 45.50).</translation>
    </message>
    <message>
        <source>El precio no puede ser negativo.</source>
        <translation type="vanished">The price cannot be negative.</translation>
    </message>
    <message>
        <source>El precio admite hasta {0} decimales.</source>
        <translation type="vanished">The price allows up to {0} decimals.</translation>
    </message>
    <message>
        <source>Editar servicio</source>
        <translation>Edit service</translation>
    </message>
    <message>
        <source>Nuevo servicio</source>
        <translation>New service</translation>
    </message>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Como aparece en el ticket y la factura</source>
        <translation>As it appears on the receipt and the invoice</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Clave interna única, p. ej. PAP-001</source>
        <translation>Unique internal code, e.g. PAP-001</translation>
    </message>
    <message>
        <source>Código de barras</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>EAN-13 (opcional; se usa como SKU)</source>
        <translation>EAN-13 (optional; used as the SKU)</translation>
    </message>
    <message>
        <source>Precio</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>0.00</source>
        <translation>0.00</translation>
    </message>
    <message>
        <source>Precio por unidad; si los impuestos están incluidos, es el precio final</source>
        <translation>Price per unit; if taxes are included, it is the final price</translation>
    </message>
    <message>
        <source>Clave de producto o servicio SAT</source>
        <translation>SAT product or service code</translation>
    </message>
    <message>
        <source>Clave de unidad SAT</source>
        <translation>SAT unit code</translation>
    </message>
    <message>
        <source>&amp;Descripción</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <source>&amp;SKU</source>
        <translation>&amp;SKU</translation>
    </message>
    <message>
        <source>Código de &amp;barras</source>
        <translation>&amp;Barcode</translation>
    </message>
    <message>
        <source>&amp;Precio</source>
        <translation>&amp;Price</translation>
    </message>
    <message>
        <source>Clave SAT de pr&amp;oducto</source>
        <translation>SAT pr&amp;oduct code</translation>
    </message>
    <message>
        <source>Clave SAT de &amp;unidad</source>
        <translation>SAT &amp;unit code</translation>
    </message>
    <message>
        <source>&amp;Impuestos</source>
        <translation>&amp;Taxes</translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Guardar (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cerrar sin guardar (Esc)</source>
        <translation>Close without saving (Esc)</translation>
    </message>
    <message>
        <source>Código guardado en gigstack; la API no permite cambiarlo desde aquí</source>
        <translation>Code stored in gigstack; the API does not allow changing it from here</translation>
    </message>
    <message>
        <source>gigstack no guarda el código de barras aparte: se usa como SKU. Deja el SKU igual al código de barras o borra el código de barras.</source>
        <translation>gigstack does not store the barcode separately: it is used as the SKU. Keep the SKU equal to the barcode or clear the barcode.</translation>
    </message>
    <message>
        <source>Escribe un SKU (con él se identifica el servicio al enviarlo).</source>
        <translation>Type a SKU (it identifies the service when it is sent).</translation>
    </message>
    <message>
        <source>El SKU «{0}» ya lo usa otro servicio.</source>
        <translation>SKU “{0}” is already used by another service.</translation>
    </message>
    <message>
        <source>Escribe la descripción.</source>
        <translation>Type the description.</translation>
    </message>
    <message>
        <source>Elige una clave del catálogo del SAT (escribe y elige de la lista).</source>
        <translation>Choose a code from the SAT catalog (type and pick from the list).</translation>
    </message>
    <message>
        <source>«{0}» no es una clave del catálogo del SAT; elige una de la lista.</source>
        <translation>“{0}” is not a code in the SAT catalog; pick one from the list.</translation>
    </message>
    <message>
        <source>Elige la unidad (H87 pieza, E48 servicio…).</source>
        <translation>Choose the unit (H87 piece, E48 service…).</translation>
    </message>
    <message>
        <source>No se pudo guardar: {0}</source>
        <translation>Could not save: {0}</translation>
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message>
        <source>retención</source>
        <translation>withholding</translation>
    </message>
    <message>
        <source>traslado</source>
        <translation>transferred</translation>
    </message>
    <message>
        <source>incluido en el precio</source>
        <translation>included in the price</translation>
    </message>
    <message>
        <source>se suma al precio</source>
        <translation>added to the price</translation>
    </message>
    <message>
        <source>Buscar servicios</source>
        <translation>Search services</translation>
    </message>
    <message>
        <source>Buscar por descripción, SKU o código de barras…  (Ctrl+F)</source>
        <translation>Search by description, SKU or barcode…  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Servicios</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Nuevo</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Nuevo servicio</source>
        <translation>New service</translation>
    </message>
    <message>
        <source>Editar</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Editar servicio</source>
        <translation>Edit service</translation>
    </message>
    <message>
        <source>Eliminar</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Eliminar servicio (necesita conexión)</source>
        <translation>Delete service (needs a connection)</translation>
    </message>
    <message>
        <source>Buscar</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Código de barras</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>Precio</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Precio con impuestos</source>
        <translation>Price with taxes</translation>
    </message>
    <message>
        <source>Clave SAT</source>
        <translation>SAT code</translation>
    </message>
    <message>
        <source>Unidad</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Impuestos</source>
        <translation>Taxes</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Selecciona un servicio para editarlo.</source>
        <translation>Select a service to edit it.</translation>
    </message>
    <message>
        <source>Este servicio aún no se envía a gigstack; podrás editarlo cuando se envíe (o corrígelo en la Cola si quedó detenido).</source>
        <translation>This service has not been sent to gigstack yet; you can edit it once it is sent (or fix it in the Queue if it was held).</translation>
    </message>
    <message>
        <source>Servicio «{0}» guardado; pendiente de enviar a gigstack.</source>
        <translation>Service “{0}” saved; waiting to be sent to gigstack.</translation>
    </message>
    <message>
        <source>«{0}» quedó detenido: revísalo en la Cola.</source>
        <translation>“{0}” is held: check it in the Queue.</translation>
    </message>
    <message>
        <source>Cambios detenidos: revísalos en la Cola.</source>
        <translation>Changes held: check them in the Queue.</translation>
    </message>
    <message>
        <source>Servicio «{0}» enviado a gigstack.</source>
        <translation>Service “{0}” sent to gigstack.</translation>
    </message>
    <message>
        <source>Cambios enviados a gigstack.</source>
        <translation>Changes sent to gigstack.</translation>
    </message>
    <message>
        <source>eliminarlo</source>
        <translation>delete it</translation>
    </message>
    <message>
        <source>eliminar un servicio</source>
        <translation>delete a service</translation>
    </message>
    <message>
        <source>Eliminar servicio</source>
        <translation>Delete service</translation>
    </message>
    <message>
        <source>¿Eliminar «{0}» del catálogo de gigstack? No se puede deshacer.</source>
        <translation>Delete “{0}” from the gigstack catalog? This cannot be undone.</translation>
    </message>
    <message>
        <source>Servicio «{0}» eliminado.</source>
        <translation>Service “{0}” deleted.</translation>
    </message>
    <message>
        <source>eliminar el servicio</source>
        <translation>delete the service</translation>
    </message>
</context>
<context>
    <name>SetPinDialog</name>
    <message>
        <source>Quitar el PIN del encargado</source>
        <translation>Remove the manager PIN</translation>
    </message>
    <message>
        <source>Cambiar el PIN del encargado</source>
        <translation>Change the manager PIN</translation>
    </message>
    <message>
        <source>Establecer el PIN del encargado</source>
        <translation>Set the manager PIN</translation>
    </message>
    <message>
        <source>El PIN protege cancelar facturas y recibos, reembolsar, descartar ventas de la cola y quitar miembros del equipo. Se guarda cifrado solo en esta computadora.</source>
        <translation type="vanished">The PIN guards cancelling invoices and receipts, refunds, discarding queued sales and removing team members. It is stored hashed on this computer only.</translation>
    </message>
    <message>
        <source>El PIN protege cancelar facturas y recibos, reembolsar, descartar ventas de la cola, quitar miembros del equipo y cambiar precios en el mostrador. Se guarda cifrado solo en esta computadora.</source>
        <translation>The PIN guards cancelling invoices and receipts, refunds, discarding queued sales, removing team members and changing prices at the counter. It is stored encrypted on this computer only.</translation>
    </message>
    <message>
        <source>PIN actual</source>
        <translation>Current PIN</translation>
    </message>
    <message>
        <source>PIN nuevo</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <source>Repite el PIN nuevo</source>
        <translation>Repeat the new PIN</translation>
    </message>
    <message>
        <source>PIN &amp;actual</source>
        <translation>&amp;Current PIN</translation>
    </message>
    <message>
        <source>PIN &amp;nuevo (4 a 8 números)</source>
        <translation>&amp;New PIN (4 to 8 digits)</translation>
    </message>
    <message>
        <source>&amp;Repite el PIN</source>
        <translation>&amp;Repeat the PIN</translation>
    </message>
    <message>
        <source>Quitar PIN</source>
        <translation>Remove PIN</translation>
    </message>
    <message>
        <source>Guardar PIN</source>
        <translation>Save PIN</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Demasiados intentos. Espera 1 segundo.</source>
        <translation>Too many attempts. Wait 1 second.</translation>
    </message>
    <message>
        <source>Demasiados intentos. Espera {n} segundos.</source>
        <translation>Too many attempts. Wait {n} seconds.</translation>
    </message>
    <message>
        <source>Demasiados intentos. Espera {0} segundos.</source>
        <translation type="vanished">Too many attempts. Wait {0} seconds.</translation>
    </message>
    <message>
        <source>El PIN actual no es correcto.</source>
        <translation>The current PIN is not correct.</translation>
    </message>
    <message>
        <source>Los dos PIN nuevos no coinciden.</source>
        <translation>The two new PINs do not match.</translation>
    </message>
    <message>
        <source>No se pudo guardar el PIN: {0}</source>
        <translation>Could not save the PIN: {0}</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Ajustes</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Guardar los ajustes (Ctrl+S)</source>
        <translation>Save the settings (Ctrl+S)</translation>
    </message>
    <message>
        <source>Datos del negocio en los tickets</source>
        <translation>Business details on receipts</translation>
    </message>
    <message>
        <source>Si los dejas vacíos, el ticket usa los datos del equipo en gigstack.</source>
        <translation>If you leave them empty, the receipt uses the team&apos;s data in gigstack.</translation>
    </message>
    <message>
        <source>Nombre del negocio</source>
        <translation>Business name</translation>
    </message>
    <message>
        <source>RFC del negocio</source>
        <translation>Business RFC</translation>
    </message>
    <message>
        <source>Dirección del negocio</source>
        <translation>Business address</translation>
    </message>
    <message>
        <source>Teléfono del negocio</source>
        <translation>Business phone</translation>
    </message>
    <message>
        <source>Nombre:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>RFC:</source>
        <translation>RFC:</translation>
    </message>
    <message>
        <source>Dirección:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Teléfono:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Ancho del papel del ticket</source>
        <translation>Receipt paper width</translation>
    </message>
    <message>
        <source>80 mm (el más común)</source>
        <translation>80 mm (the most common)</translation>
    </message>
    <message>
        <source>58 mm</source>
        <translation>58 mm</translation>
    </message>
    <message>
        <source>Imprimir el ticket al cobrar</source>
        <translation>Print the receipt when charging</translation>
    </message>
    <message>
        <source>Documento de las ventas sin factura</source>
        <translation>Document for sales without an invoice</translation>
    </message>
    <message>
        <source>Recibo con QR para autofacturar</source>
        <translation>Receipt with a self-invoice QR</translation>
    </message>
    <message>
        <source>Ninguno (solo el ticket)</source>
        <translation>None (the ticket only)</translation>
    </message>
    <message>
        <source>Qué se hace en gigstack con una venta que no se factura al cobrar: un recibo cuyo QR en el ticket deja al cliente facturar después, o nada.</source>
        <translation>What gigstack does with a sale not invoiced at the till: a receipt whose QR on the ticket lets the customer invoice later, or nothing.</translation>
    </message>
    <message>
        <source>Ancho del papel:</source>
        <translation>Paper width:</translation>
    </message>
    <message>
        <source>Ventas sin factura:</source>
        <translation>Sales without an invoice:</translation>
    </message>
    <message>
        <source>Esta caja</source>
        <translation>This till</translation>
    </message>
    <message>
        <source>Serie de folios de esta caja</source>
        <translation>This till&apos;s folio series</translation>
    </message>
    <message>
        <source>Serie de folios:</source>
        <translation>Folio series:</translation>
    </message>
    <message>
        <source>Idioma</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Idioma de Mostrador</source>
        <translation>Mostrador&apos;s language</translation>
    </message>
    <message>
        <source>El cambio de idioma se aplica al reiniciar Mostrador.</source>
        <translation>A language change takes effect when Mostrador restarts.</translation>
    </message>
    <message>
        <source>Idioma:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>Conexión con gigstack</source>
        <translation>Connection to gigstack</translation>
    </message>
    <message>
        <source>Dirección de la API:</source>
        <translation>API address:</translation>
    </message>
    <message>
        <source>Equipo:</source>
        <translation>Team:</translation>
    </message>
    <message>
        <source>Consultar</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Leer la clave guardada en el llavero del sistema</source>
        <translation>Read the key saved in the system keychain</translation>
    </message>
    <message>
        <source>Clave de API:</source>
        <translation>API key:</translation>
    </message>
    <message>
        <source>Modo de la clave:</source>
        <translation>Key mode:</translation>
    </message>
    <message>
        <source>Modo demo:</source>
        <translation>Demo mode:</translation>
    </message>
    <message>
        <source>Cambiar cuenta</source>
        <translation>Switch account</translation>
    </message>
    <message>
        <source>Olvidar la clave guardada y conectar otra cuenta al reiniciar</source>
        <translation>Forget the stored key and connect another account on restart</translation>
    </message>
    <message>
        <source>Cambiar equipo</source>
        <translation>Switch team</translation>
    </message>
    <message>
        <source>Elegir otro equipo de gigstack Connect</source>
        <translation>Choose another gigstack Connect team</translation>
    </message>
    <message>
        <source>Equipo de gigstack</source>
        <translation>gigstack team</translation>
    </message>
    <message>
        <source>Usar este equipo</source>
        <translation>Use this team</translation>
    </message>
    <message>
        <source>Datos locales</source>
        <translation>Local data</translation>
    </message>
    <message>
        <source>Borra la copia local de clientes, servicios y pagos (se vuelve a descargar de gigstack) y el historial de envíos ya terminados. Los folios de esta caja no se reinician.</source>
        <translation>Deletes the local copy of clients, services and payments (downloaded again from gigstack) and the history of finished sends. The folios of this till are not reset.</translation>
    </message>
    <message>
        <source>Borrar datos locales</source>
        <translation>Delete local data</translation>
    </message>
    <message>
        <source>Soporte</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>Registros (logs):</source>
        <translation>Logs:</translation>
    </message>
    <message>
        <source>Carpeta de datos:</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>Copiar</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copiar la ruta al portapapeles</source>
        <translation>Copy the path to the clipboard</translation>
    </message>
    <message>
        <source>Abrir</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Abrir la carpeta</source>
        <translation>Open the folder</translation>
    </message>
    <message>
        <source>Mostrador {version}</source>
        <translation>Mostrador {version}</translation>
    </message>
    <message>
        <source>Revisa los campos marcados.</source>
        <translation>Check the highlighted fields.</translation>
    </message>
    <message>
        <source>Ajustes guardados.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>El idioma cambiará la próxima vez que abras Mostrador.</source>
        <translation>The language will change the next time you open Mostrador.</translation>
    </message>
    <message>
        <source>Ajustes guardados</source>
        <translation>Settings saved</translation>
    </message>
    <message>
        <source>Escribe la serie de esta caja (por ejemplo CAJA1).</source>
        <translation type="vanished">Type this till&apos;s series (for example CAJA1).</translation>
    </message>
    <message>
        <source>La serie puede tener hasta {n} caracteres.</source>
        <translation type="vanished">The series can have up to {n} characters.</translation>
    </message>
    <message>
        <source>La serie solo puede tener letras sin acentos y números (sin espacios).</source>
        <translation type="vanished">The series can only have letters without accents and digits (no spaces).</translation>
    </message>
    <message>
        <source>Cada caja lleva su propia serie: los folios de esta serán {s}-1, {s}-2… Usa una serie distinta en cada computadora.</source>
        <translation>Each till has its own series: this one&apos;s folios will be {s}-1, {s}-2… Use a different series on each computer.</translation>
    </message>
    <message>
        <source>El equipo de la clave ({team})</source>
        <translation>The key&apos;s team ({team})</translation>
    </message>
    <message>
        <source>El equipo de la clave</source>
        <translation>The key&apos;s own team</translation>
    </message>
    <message>
        <source>Clave de demostración</source>
        <translation>Demo key</translation>
    </message>
    <message>
        <source>En uso en esta sesión (sin leer el llavero)</source>
        <translation>In use in this session (the keychain was not read)</translation>
    </message>
    <message>
        <source>No guardada (solo en esta sesión)</source>
        <translation>Not stored (this session only)</translation>
    </message>
    <message>
        <source>Sí</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>No se puede {action}: hay 1 envío sin terminar en la cola (por enviar o detenido). Es un cobro o cambio que gigstack aún no tiene; envíalo o resuélvelo primero en la página Cola.</source>
        <translation>Cannot {action}: there is 1 unfinished send in the queue (to send or held). It is a charge or change gigstack does not have yet; send it or resolve it first on the Queue page.</translation>
    </message>
    <message>
        <source>No se puede {action}: hay {n} envíos sin terminar en la cola (por enviar o detenidos). Son cobros o cambios que gigstack aún no tiene; envíalos o resuélvelos primero en la página Cola.</source>
        <translation>Can&apos;t {action}: there are {n} unfinished items in the queue (waiting to be sent or held). They are payments or changes gigstack doesn&apos;t have yet; send or resolve them first on the Queue page.</translation>
    </message>
    <message>
        <source>cambiar de cuenta</source>
        <translation>switch account</translation>
    </message>
    <message>
        <source>Estás en modo demo. Cierra Mostrador y ábrelo sin el modo demo para conectar tu cuenta de gigstack.</source>
        <translation>You are in demo mode. Close Mostrador and open it without demo mode to connect your gigstack account.</translation>
    </message>
    <message>
        <source>Se borrará la clave guardada en este equipo. La próxima vez que abras Mostrador podrás conectar otra cuenta. ¿Continuar?</source>
        <translation>The key stored on this computer will be deleted. The next time you open Mostrador you can connect another account. Continue?</translation>
    </message>
    <message>
        <source>No se pudo usar el llavero del sistema para borrar la clave.</source>
        <translation>The system keychain could not be used to delete the key.</translation>
    </message>
    <message>
        <source>Borrada</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>Listo: se borró la clave. Cierra y vuelve a abrir Mostrador para conectar otra cuenta.</source>
        <translation>Done: the key was deleted. Close and reopen Mostrador to connect another account.</translation>
    </message>
    <message>
        <source>cambiar de equipo</source>
        <translation>switch team</translation>
    </message>
    <message>
        <source>Buscando tus equipos en gigstack…</source>
        <translation>Looking up your teams in gigstack…</translation>
    </message>
    <message>
        <source>Esta clave solo tiene un equipo: no hay otro a cuál cambiar.</source>
        <translation>This key has only one team: there is no other to switch to.</translation>
    </message>
    <message>
        <source>El equipo de esta clave</source>
        <translation>This key&apos;s own team</translation>
    </message>
    <message>
        <source>{team} (equipo de esta clave)</source>
        <translation>{team} (this key&apos;s team)</translation>
    </message>
    <message>
        <source>Elige el equipo y pulsa «Usar este equipo».</source>
        <translation>Choose the team and press “Use this team”.</translation>
    </message>
    <message>
        <source>No se pudieron obtener los equipos: {message}</source>
        <translation>Could not get the teams: {message}</translation>
    </message>
    <message>
        <source>Equipo elegido. Cierra y vuelve a abrir Mostrador para trabajar con él.</source>
        <translation>Team chosen. Close and reopen Mostrador to work with it.</translation>
    </message>
    <message>
        <source>borrar los datos locales</source>
        <translation>delete the local data</translation>
    </message>
    <message>
        <source>Se borrará la copia local de clientes, servicios y pagos, y el historial de envíos terminados. Todo lo que está en gigstack se vuelve a descargar. ¿Continuar?</source>
        <translation>The local copy of clients, services and payments and the history of finished sends will be deleted. Everything in gigstack is downloaded again. Continue?</translation>
    </message>
    <message>
        <source>Datos locales borrados. Se están descargando de nuevo de gigstack.</source>
        <translation>Local data deleted. Downloading it again from gigstack.</translation>
    </message>
    <message>
        <source>Datos locales borrados</source>
        <translation>Local data deleted</translation>
    </message>
    <message>
        <source>Confirmar</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Ruta copiada: {path}</source>
        <translation>Path copied: {path}</translation>
    </message>
    <message>
        <source>No se pudo abrir la carpeta; copia la ruta y ábrela a mano.</source>
        <translation>Could not open the folder; copy the path and open it yourself.</translation>
    </message>
</context>
<context>
    <name>ShiftPage</name>
    <message>
        <source> · se abrió solo con la primera venta (fondo $0.00): registra el fondo real como entrada de efectivo.</source>
        <translation> · opened by itself with the first sale ($0.00 float): record the real float as cash in.</translation>
    </message>
    <message>
        <source>&amp;Abrir turno</source>
        <translation>&amp;Open shift</translation>
    </message>
    <message>
        <source>&amp;Cerrar turno (corte Z)</source>
        <translation>&amp;Close shift (Z report)</translation>
    </message>
    <message>
        <source>&amp;Entrada de efectivo</source>
        <translation>Cash &amp;in</translation>
    </message>
    <message>
        <source>&amp;Reimprimir corte Z</source>
        <translation>&amp;Reprint Z report</translation>
    </message>
    <message>
        <source>&amp;Salida de efectivo</source>
        <translation>Cash &amp;out</translation>
    </message>
    <message>
        <source>Abre un turno primero.</source>
        <translation>Open a shift first.</translation>
    </message>
    <message>
        <source>Cajero</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>Cancelaciones</source>
        <translation>Cancellations</translation>
    </message>
    <message>
        <source>Cerrado</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Contado</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>Corte X en &amp;PDF</source>
        <translation>X report as &amp;PDF</translation>
    </message>
    <message>
        <source>Corte Z en PDF</source>
        <translation>Z report as PDF</translation>
    </message>
    <message>
        <source>Corte enviado a la impresora.</source>
        <translation>Report sent to the printer.</translation>
    </message>
    <message>
        <source>Corte guardado en {path}</source>
        <translation>Report saved to {path}</translation>
    </message>
    <message>
        <source>Cortes anteriores (efectivo)</source>
        <translation>Earlier closes (cash)</translation>
    </message>
    <message>
        <source>Debe haber</source>
        <translation>Should hold</translation>
    </message>
    <message>
        <source>Diferencia</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>Efectivo en caja</source>
        <translation>Cash in the drawer</translation>
    </message>
    <message>
        <source>Entrada</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Entrada de {amount} registrada.</source>
        <translation>Cash in of {amount} recorded.</translation>
    </message>
    <message>
        <source>Entradas</source>
        <translation>Cash in</translation>
    </message>
    <message>
        <source>Entradas y salidas de efectivo</source>
        <translation>Cash in and out</translation>
    </message>
    <message>
        <source>Esperado</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Este turno ya está cerrado.</source>
        <translation>This shift is already closed.</translation>
    </message>
    <message>
        <source>Fondo inicial</source>
        <translation>Opening float</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment form</translation>
    </message>
    <message>
        <source>Guardar corte en PDF</source>
        <translation>Save report as PDF</translation>
    </message>
    <message>
        <source>Hora</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Importe</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Imprimir corte &amp;X</source>
        <translation>Print &amp;X report</translation>
    </message>
    <message>
        <source>Lectura parcial: no cierra el turno</source>
        <translation>Partial reading: does not close the shift</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Movimiento</source>
        <translation>Movement</translation>
    </message>
    <message>
        <source>1 venta por {total} sigue en la cola: ya cuenta aquí aunque aún no llegue a gigstack.</source>
        <translation>1 sale for {total} is still queued: it already counts here even though it has not reached gigstack yet.</translation>
    </message>
    <message>
        <source>No hay un turno abierto que cerrar.</source>
        <translation>There is no open shift to close.</translation>
    </message>
    <message>
        <source>No hay un turno abierto. Ábrelo con el fondo de caja antes de vender; si se vende sin abrirlo, se abre solo con fondo de $0.00.</source>
        <translation>No shift is open. Open it with the float before selling; a sale without one opens it by itself with a $0.00 float.</translation>
    </message>
    <message>
        <source>No se pudo guardar el PDF en {path}.</source>
        <translation>The PDF could not be saved to {path}.</translation>
    </message>
    <message>
        <source>No se pudo imprimir el corte: revisa la impresora o guárdalo en PDF.</source>
        <translation>The report could not be printed: check the printer or save it as PDF.</translation>
    </message>
    <message>
        <source>Por forma de pago</source>
        <translation>By payment form</translation>
    </message>
    <message>
        <source>Reembolsos</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <source>Reembolsos y cancelaciones</source>
        <translation>Refunds and cancellations</translation>
    </message>
    <message>
        <source>Salida</source>
        <translation>Out</translation>
    </message>
    <message>
        <source>Salida de {amount} registrada.</source>
        <translation>Cash out of {amount} recorded.</translation>
    </message>
    <message>
        <source>Salidas</source>
        <translation>Cash out</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Turno</source>
        <translation type="vanished">Shift</translation>
    </message>
    <message>
        <source>Turno y corte de caja</source>
        <translation>Shift and cash count</translation>
    </message>
    <message>
        <source>Turno {n} abierto con fondo de {amount}.</source>
        <translation>Shift {n} opened with a {amount} float.</translation>
    </message>
    <message>
        <source>Turno {n} abierto desde {when} · caja {terminal}{who}</source>
        <translation>Shift {n} open since {when} · till {terminal}{who}</translation>
    </message>
    <message>
        <source>Turno {n} cerrado. Efectivo: {d}.</source>
        <translation>Shift {n} closed. Cash: {d}.</translation>
    </message>
    <message>
        <source>Vendido</source>
        <translation>Sold</translation>
    </message>
    <message>
        <source>Ventas</source>
        <translation>Sales</translation>
    </message>
    <message>
        <source>Ventas en efectivo</source>
        <translation>Cash sales</translation>
    </message>
    <message>
        <source>Ya hay un turno abierto en esta caja.</source>
        <translation>A shift is already open at this till.</translation>
    </message>
    <message>
        <source>{n} ventas por {total} siguen en la cola: ya cuentan aquí aunque aún no lleguen a gigstack.</source>
        <translation>{n} sales for {total} are still queued: they count here already, even though gigstack does not have them yet.</translation>
    </message>
</context>
<context>
    <name>StampReceiptDialog</name>
    <message>
        <source>Facturar recibo</source>
        <translation type="vanished">Invoice receipt</translation>
    </message>
    <message>
        <source>Timbrar factura</source>
        <translation type="vanished">Stamp invoice</translation>
    </message>
    <message>
        <source>Recibo por {total}. La factura se timbra ante el SAT y ya no se puede facturar desde el portal.</source>
        <translation type="vanished">Receipt for {total}. The invoice is stamped with the SAT and can no longer be made from the portal.</translation>
    </message>
    <message>
        <source>Un cliente guardado</source>
        <translation type="vanished">A saved customer</translation>
    </message>
    <message>
        <source>Otro RFC</source>
        <translation type="vanished">Another RFC</translation>
    </message>
    <message>
        <source>Público en general</source>
        <translation type="vanished">General public</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation type="vanished">Customer</translation>
    </message>
    <message>
        <source>Razón social</source>
        <translation type="vanished">Legal name</translation>
    </message>
    <message>
        <source>Como aparece en su constancia fiscal</source>
        <translation type="vanished">As on their tax certificate</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation type="vanished">RFC</translation>
    </message>
    <message>
        <source>Régimen fiscal</source>
        <translation type="vanished">Tax regime</translation>
    </message>
    <message>
        <source>— elige —</source>
        <translation type="vanished">— choose —</translation>
    </message>
    <message>
        <source>Código postal fiscal</source>
        <translation type="vanished">Fiscal postal code</translation>
    </message>
    <message>
        <source>Se timbra a XAXX010101000 (público en general) con uso S01.</source>
        <translation type="vanished">Stamped to XAXX010101000 (general public) with use S01.</translation>
    </message>
    <message>
        <source>Facturar a</source>
        <translation type="vanished">Invoice to</translation>
    </message>
    <message>
        <source>&amp;Cliente</source>
        <translation type="vanished">&amp;Customer</translation>
    </message>
    <message>
        <source>&amp;Razón social</source>
        <translation type="vanished">&amp;Legal name</translation>
    </message>
    <message>
        <source>R&amp;FC</source>
        <translation type="vanished">R&amp;FC</translation>
    </message>
    <message>
        <source>Ré&amp;gimen</source>
        <translation type="vanished">Re&amp;gime</translation>
    </message>
    <message>
        <source>Código &amp;postal</source>
        <translation type="vanished">&amp;Postal code</translation>
    </message>
    <message>
        <source>Elige un cliente con RFC de la lista.</source>
        <translation type="vanished">Choose a customer with an RFC from the list.</translation>
    </message>
    <message>
        <source>A este cliente le faltan datos fiscales (razón social, régimen o código postal): complétalos en Clientes o usa «Otro RFC».</source>
        <translation type="vanished">This customer is missing fiscal data (legal name, regime or postal code): complete it in Customers or use &quot;Another RFC&quot;.</translation>
    </message>
    <message>
        <source>Escribe la razón social.</source>
        <translation type="vanished">Type the legal name.</translation>
    </message>
    <message>
        <source>Escribe el RFC.</source>
        <translation type="vanished">Type the RFC.</translation>
    </message>
    <message>
        <source>El RFC no es válido: {0}</source>
        <translation type="vanished">The RFC is not valid: {0}</translation>
    </message>
    <message>
        <source>Para el RFC genérico elige «Público en general».</source>
        <translation type="vanished">For the generic RFC choose &quot;General public&quot;.</translation>
    </message>
    <message>
        <source>Elige el régimen fiscal.</source>
        <translation type="vanished">Choose the tax regime.</translation>
    </message>
    <message>
        <source>El código postal lleva 5 números.</source>
        <translation type="vanished">The postal code has 5 digits.</translation>
    </message>
</context>
<context>
    <name>StatusPill</name>
    <message>
        <source>Ver la cola de envíos</source>
        <translation>See the send queue</translation>
    </message>
    <message>
        <source>Sincronizar ahora</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Clave de API rechazada</source>
        <translation>API key rejected</translation>
    </message>
    <message>
        <source>{problem} Revisa la clave en Ajustes.</source>
        <translation>{problem} Check the key in Settings.</translation>
    </message>
    <message>
        <source>Envíos en pausa</source>
        <translation>Sending paused</translation>
    </message>
    <message>
        <source>Conectando…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>En línea</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Sin conexión</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Las ventas se guardan y se enviarán al volver la conexión.</source>
        <translation>Sales are saved and will be sent when the connection is back.</translation>
    </message>
    <message>
        <source>{n} por enviar</source>
        <translation>{n} to send</translation>
    </message>
    <message>
        <source>{n} detenidos</source>
        <translation>{n} held</translation>
    </message>
    <message>
        <source>1 detenido</source>
        <translation>1 held</translation>
    </message>
    <message>
        <source>el más antiguo {age}</source>
        <translation>oldest {age}</translation>
    </message>
    <message>
        <source>Todo enviado</source>
        <translation>All sent</translation>
    </message>
</context>
<context>
    <name>TaxesEditor</name>
    <message>
        <source>Sin impuestos</source>
        <translation>No taxes</translation>
    </message>
    <message>
        <source>exento</source>
        <translation>exempt</translation>
    </message>
    <message>
        <source>ret.</source>
        <translation>w/h</translation>
    </message>
    <message>
        <source>incl.</source>
        <translation>incl.</translation>
    </message>
    <message>
        <source>Impuesto</source>
        <translation>Tax</translation>
    </message>
    <message>
        <source>Tasa % / cuota $</source>
        <translation>Rate % / fee $</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>Factor</translation>
    </message>
    <message>
        <source>Retención</source>
        <translation>Withholding</translation>
    </message>
    <message>
        <source>Incluido en el precio</source>
        <translation>Included in the price</translation>
    </message>
    <message>
        <source>Impuestos predefinidos</source>
        <translation>Preset taxes</translation>
    </message>
    <message>
        <source>Aplicar impuestos predefinidos…</source>
        <translation>Apply preset taxes…</translation>
    </message>
    <message>
        <source>IVA 16 % incluido</source>
        <translation>VAT 16 % included</translation>
    </message>
    <message>
        <source>IVA 16 % más</source>
        <translation>VAT 16 % added</translation>
    </message>
    <message>
        <source>IVA 0 %</source>
        <translation>VAT 0 %</translation>
    </message>
    <message>
        <source>Exento</source>
        <translation>Exempt</translation>
    </message>
    <message>
        <source>IEPS 8 %</source>
        <translation>IEPS 8 %</translation>
    </message>
    <message>
        <source>Agregar impuesto</source>
        <translation>Add tax</translation>
    </message>
    <message>
        <source>Quitar</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Tasa o cuota</source>
        <translation>Rate or fee</translation>
    </message>
    <message>
        <source>Impuesto {0} ({1})</source>
        <translation type="vanished">Tax {0} ({1})</translation>
    </message>
    <message>
        <source>{0}: un impuesto exento no se retiene.</source>
        <translation type="vanished">{0}: an exempt tax is not withheld.</translation>
    </message>
    <message>
        <source>{0}: la tasa debe ser un número ≥ 0.</source>
        <translation type="vanished">{0}: the rate must be a number ≥ 0.</translation>
    </message>
    <message>
        <source>{0}: la tasa es un porcentaje (0 a 100).</source>
        <translation type="vanished">{0}: the rate is a percentage (0 to 100).</translation>
    </message>
    <message>
        <source>{0}: una retención no puede estar incluida en el precio.</source>
        <translation type="vanished">{0}: a withholding cannot be included in the price.</translation>
    </message>
    <message>
        <source>{0}: un impuesto por cuota se suma al precio; desmarca «incluido».</source>
        <translation type="vanished">{0}: a per-unit (quota) tax is added to the price; untick “included”.</translation>
    </message>
</context>
<context>
    <name>TeamDetailsDialog</name>
    <message>
        <source>Datos del equipo</source>
        <translation>Team details</translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Nombre comercial</source>
        <translation>Trade name</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>Régimen fiscal</source>
        <translation>Tax regime</translation>
    </message>
    <message>
        <source>Correo de soporte</source>
        <translation>Support email</translation>
    </message>
    <message>
        <source>Teléfono de soporte</source>
        <translation>Support phone</translation>
    </message>
    <message>
        <source>Código postal</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>&amp;Nombre comercial</source>
        <translation>&amp;Trade name</translation>
    </message>
    <message>
        <source>&amp;RFC</source>
        <translation>&amp;RFC</translation>
    </message>
    <message>
        <source>Ré&amp;gimen fiscal</source>
        <translation>Tax re&amp;gime</translation>
    </message>
    <message>
        <source>&amp;Correo de soporte</source>
        <translation>Support &amp;email</translation>
    </message>
    <message>
        <source>&amp;Teléfono de soporte</source>
        <translation>Support &amp;phone</translation>
    </message>
    <message>
        <source>Código &amp;postal fiscal</source>
        <translation>Fiscal &amp;postal code</translation>
    </message>
    <message>
        <source>Escribe el nombre comercial.</source>
        <translation type="vanished">Type the trade name.</translation>
    </message>
    <message>
        <source>El RFC no es válido: {0}</source>
        <translation type="vanished">The RFC is not valid: {0}</translation>
    </message>
    <message>
        <source>Revisa el correo.</source>
        <translation type="vanished">Check the email address.</translation>
    </message>
    <message>
        <source>El código postal lleva 5 números.</source>
        <translation type="vanished">The postal code has 5 digits.</translation>
    </message>
</context>
<context>
    <name>TeamDialogs</name>
    <message>
        <source>Consulta (solo ve)</source>
        <translation>Viewer (read only)</translation>
    </message>
    <message>
        <source>Editor (cobra y factura)</source>
        <translation>Editor (charges and invoices)</translation>
    </message>
    <message>
        <source>Administrador (todo)</source>
        <translation>Administrator (everything)</translation>
    </message>
    <message>
        <source>Consulta</source>
        <translation>Viewer</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>Administrador</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Miembro</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>— sin cambiar —</source>
        <translation>— unchanged —</translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <source>Stripe (cobros con tarjeta)</source>
        <translation>Stripe (card payments)</translation>
    </message>
    <message>
        <source>SAT (sellos digitales)</source>
        <translation>SAT (digital seals)</translation>
    </message>
    <message>
        <source>Banco</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>Facturapi</source>
        <translation>Facturapi</translation>
    </message>
    <message>
        <source>Equipo</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Actualizar</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Equipo actual</source>
        <translation>Current team</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Razón social</source>
        <translation>Legal name</translation>
    </message>
    <message>
        <source>RFC y régimen</source>
        <translation>RFC and regime</translation>
    </message>
    <message>
        <source>Soporte</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>Sellos SAT</source>
        <translation>SAT seals</translation>
    </message>
    <message>
        <source>Timbres</source>
        <translation>Stamps</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Editar datos…</source>
        <translation>Edit details…</translation>
    </message>
    <message>
        <source>Ajustes de facturación</source>
        <translation>Invoicing settings</translation>
    </message>
    <message>
        <source>Claves SAT</source>
        <translation>SAT keys</translation>
    </message>
    <message>
        <source>Uso CFDI</source>
        <translation>CFDI use</translation>
    </message>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Correos</source>
        <translation>Emails</translation>
    </message>
    <message>
        <source>Editar ajustes…</source>
        <translation>Edit settings…</translation>
    </message>
    <message>
        <source>Integraciones</source>
        <translation>Integrations</translation>
    </message>
    <message>
        <source>PIN del encargado</source>
        <translation>Manager PIN</translation>
    </message>
    <message>
        <source>Quitar PIN…</source>
        <translation>Remove PIN…</translation>
    </message>
    <message>
        <source>Series de facturas</source>
        <translation>Invoice series</translation>
    </message>
    <message>
        <source>Serie</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>Último folio</source>
        <translation>Last folio</translation>
    </message>
    <message>
        <source>Último folio (pruebas)</source>
        <translation>Last folio (test)</translation>
    </message>
    <message>
        <source>Predeterminada</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>La serie predeterminada es la que gigstack usa cuando no se indica otra.</source>
        <translation>The default series is the one gigstack uses when no other is given.</translation>
    </message>
    <message>
        <source>Nueva serie…</source>
        <translation>New series…</translation>
    </message>
    <message>
        <source>Cambiar folios…</source>
        <translation>Change folios…</translation>
    </message>
    <message>
        <source>Miembros</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Correo</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Rol</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Agregar miembro…</source>
        <translation>Add member…</translation>
    </message>
    <message>
        <source>Quitar del equipo…</source>
        <translation>Remove from team…</translation>
    </message>
    <message>
        <source>gigstack Connect: equipos de esta cuenta</source>
        <translation>gigstack Connect: this account&apos;s teams</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>En uso</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>Usar este equipo</source>
        <translation>Use this team</translation>
    </message>
    <message>
        <source>Crear equipo…</source>
        <translation>Create team…</translation>
    </message>
    <message>
        <source>Consultando gigstack…</source>
        <translation>Asking gigstack…</translation>
    </message>
    <message>
        <source>Parte de la información no llegó: {0}</source>
        <translation>Part of the information did not arrive: {0}</translation>
    </message>
    <message>
        <source>No se pudo traer el equipo: {0}</source>
        <translation>Could not get the team: {0}</translation>
    </message>
    <message>
        <source>Conectados · vencen {0}</source>
        <translation>Connected · expire {0}</translation>
    </message>
    <message>
        <source>Sin conectar: no se puede timbrar</source>
        <translation>Not connected: invoices cannot be stamped</translation>
    </message>
    <message>
        <source>1 usado de {limit}</source>
        <translation>1 used of {limit}</translation>
    </message>
    <message>
        <source>{n} usados de {limit}</source>
        <translation>{n} used of {limit}</translation>
    </message>
    <message>
        <source>{used} usados de {limit}</source>
        <translation type="vanished">{used} used of {limit}</translation>
    </message>
    <message>
        <source>Producto {p} · unidad {u}</source>
        <translation>Product {p} · unit {u}</translation>
    </message>
    <message>
        <source>No se envían a los clientes</source>
        <translation>Not emailed to customers</translation>
    </message>
    <message>
        <source>Se envían a los clientes</source>
        <translation>Emailed to customers</translation>
    </message>
    <message>
        <source>Sí</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>{name} (equipo de la clave)</source>
        <translation>{name} (the key&apos;s team)</translation>
    </message>
    <message>
        <source>gigstack no informó integraciones.</source>
        <translation>gigstack reported no integrations.</translation>
    </message>
    <message>
        <source>Sin conexión: {0} necesita a gigstack. Intenta cuando vuelva la conexión.</source>
        <translation>Offline: {0} needs gigstack. Try again when the connection is back.</translation>
    </message>
    <message>
        <source>Espera a que termine la operación anterior.</source>
        <translation>Wait for the previous operation to finish.</translation>
    </message>
    <message>
        <source>No se pudo {0}: {1}</source>
        <translation>Could not {0}: {1}</translation>
    </message>
    <message>
        <source>Primero tiene que llegar la información del equipo (Actualizar).</source>
        <translation>The team&apos;s information has to arrive first (Refresh).</translation>
    </message>
    <message>
        <source>editar el equipo</source>
        <translation>editing the team</translation>
    </message>
    <message>
        <source>guardar los datos del equipo</source>
        <translation>save the team&apos;s details</translation>
    </message>
    <message>
        <source>Datos del equipo guardados.</source>
        <translation>Team details saved.</translation>
    </message>
    <message>
        <source>cambiar los ajustes</source>
        <translation>changing the settings</translation>
    </message>
    <message>
        <source>guardar los ajustes</source>
        <translation>save the settings</translation>
    </message>
    <message>
        <source>Ajustes de facturación guardados.</source>
        <translation>Invoicing settings saved.</translation>
    </message>
    <message>
        <source>crear una serie</source>
        <translation>creating a series</translation>
    </message>
    <message>
        <source>crear la serie</source>
        <translation>create the series</translation>
    </message>
    <message>
        <source>Serie creada.</source>
        <translation>Series created.</translation>
    </message>
    <message>
        <source>Elige una serie de la lista.</source>
        <translation>Choose a series from the list.</translation>
    </message>
    <message>
        <source>cambiar los folios</source>
        <translation>change the folios</translation>
    </message>
    <message>
        <source>Folios de la serie {0} actualizados.</source>
        <translation>Folios of series {0} updated.</translation>
    </message>
    <message>
        <source>agregar un miembro</source>
        <translation>adding a member</translation>
    </message>
    <message>
        <source>agregar el miembro</source>
        <translation>add the member</translation>
    </message>
    <message>
        <source>Miembro agregado.</source>
        <translation>Member added.</translation>
    </message>
    <message>
        <source>Elige un miembro de la lista.</source>
        <translation>Choose a member from the list.</translation>
    </message>
    <message>
        <source>quitar un miembro</source>
        <translation>removing a member</translation>
    </message>
    <message>
        <source>Quitar del equipo</source>
        <translation>Remove from team</translation>
    </message>
    <message>
        <source>¿Quitar a {0} del equipo? Dejará de poder cobrar, facturar y ver la información de este equipo en gigstack.</source>
        <translation>Remove {0} from the team? They will no longer be able to charge, invoice or see this team&apos;s information in gigstack.</translation>
    </message>
    <message>
        <source>Sí, quitarlo</source>
        <translation>Yes, remove</translation>
    </message>
    <message>
        <source>quitar a {0} del equipo</source>
        <translation>remove {0} from the team</translation>
    </message>
    <message>
        <source>{0} ya no es miembro del equipo.</source>
        <translation>{0} is no longer a team member.</translation>
    </message>
    <message>
        <source>No se pudo quitar a {0}: {1}</source>
        <translation>Could not remove {0}: {1}</translation>
    </message>
    <message>
        <source>Elige un equipo de la lista.</source>
        <translation type="vanished">Choose a team from the list.</translation>
    </message>
    <message>
        <source>Ya estás trabajando con ese equipo.</source>
        <translation type="vanished">You are already working with that team.</translation>
    </message>
    <message>
        <source>No se puede cambiar de equipo: este equipo tiene {0} envíos sin terminar en la cola (ventas o cambios que gigstack aún no tiene). Envíalos o resuélvelos primero en la página Cola.</source>
        <translation type="vanished">The team cannot be switched: this team has {0} unfinished items in the queue (sales or changes gigstack does not have yet). Send or resolve them first on the Queue page.</translation>
    </message>
    <message>
        <source>Equipo «{0}» elegido. Cierra y vuelve a abrir Mostrador para trabajar con él; cada equipo conserva su propia copia de datos y su cola.</source>
        <translation>Team &quot;{0}&quot; chosen. Close and reopen Mostrador to work with it; each team keeps its own copy of the data and its own queue.</translation>
    </message>
    <message>
        <source>crear un equipo</source>
        <translation>creating a team</translation>
    </message>
    <message>
        <source>crear el equipo</source>
        <translation>create the team</translation>
    </message>
    <message>
        <source>Equipo creado. Aparece en la lista de gigstack Connect.</source>
        <translation>Team created. It appears in the gigstack Connect list.</translation>
    </message>
    <message>
        <source>Activo: cancelar facturas o recibos, reembolsar, descartar ventas de la cola y quitar miembros piden el PIN.</source>
        <translation>Active: cancelling invoices or receipts, refunds, discarding queued sales and removing members ask for the PIN.</translation>
    </message>
    <message>
        <source>Sin PIN: esas acciones solo piden confirmación.</source>
        <translation>No PIN: those actions only ask for confirmation.</translation>
    </message>
    <message>
        <source>Cambiar PIN…</source>
        <translation>Change PIN…</translation>
    </message>
    <message>
        <source>Establecer PIN…</source>
        <translation>Set PIN…</translation>
    </message>
</context>
<context>
    <name>TeamSettingsDialog</name>
    <message>
        <source>Ajustes de facturación</source>
        <translation>Invoicing settings</translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Descripción predeterminada</source>
        <translation>Default description</translation>
    </message>
    <message>
        <source>Clave de producto SAT</source>
        <translation>SAT product key</translation>
    </message>
    <message>
        <source>Clave de unidad SAT</source>
        <translation>SAT unit key</translation>
    </message>
    <message>
        <source>Uso CFDI predeterminado</source>
        <translation>Default CFDI use</translation>
    </message>
    <message>
        <source>Notas en el PDF</source>
        <translation>PDF notes</translation>
    </message>
    <message>
        <source>No enviar las facturas por correo a los clientes</source>
        <translation>Do not email invoices to customers</translation>
    </message>
    <message>
        <source>&amp;Descripción predeterminada</source>
        <translation>Default &amp;description</translation>
    </message>
    <message>
        <source>Clave de &amp;producto</source>
        <translation>&amp;Product key</translation>
    </message>
    <message>
        <source>Clave de &amp;unidad</source>
        <translation>&amp;Unit key</translation>
    </message>
    <message>
        <source>&amp;Uso CFDI</source>
        <translation>CFDI &amp;use</translation>
    </message>
    <message>
        <source>&amp;Notas en el PDF</source>
        <translation>PDF &amp;notes</translation>
    </message>
    <message>
        <source>La clave de producto SAT lleva 8 números.</source>
        <translation type="vanished">The SAT product key has 8 digits.</translation>
    </message>
    <message>
        <source>La clave de unidad SAT lleva 2 o 3 letras o números (H87, E48).</source>
        <translation type="vanished">The SAT unit key has 2 or 3 letters or digits (H87, E48).</translation>
    </message>
</context>
<context>
    <name>TicketPdf</name>
    <message>
        <source>Guardar ticket como PDF</source>
        <extracomment>Where the last ticket PDF went (window-state settings): the next save starts there.</extracomment>
        <translation>Save ticket as PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>No se pudo guardar el PDF en {path}.</source>
        <translation>The PDF could not be saved to {path}.</translation>
    </message>
    <message>
        <source>Ticket guardado en {path}</source>
        <translation>Ticket saved to {path}</translation>
    </message>
    <message>
        <source>Imprimir ticket</source>
        <translation>Print ticket</translation>
    </message>
</context>
<context>
    <name>TillPrint</name>
    <message>
        <source>Imprimir corte Z</source>
        <translation>Print Z report</translation>
    </message>
    <message>
        <source>Imprimir corte X</source>
        <translation>Print X report</translation>
    </message>
</context>
<context>
    <name>UnitKeyPicker</name>
    <message>
        <source>H87 pieza, E48 servicio, KGM kilogramo…</source>
        <translation>H87 piece, E48 service, KGM kilogram…</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Editar usuario</source>
        <translation>Edit user</translation>
    </message>
    <message>
        <source>Nuevo usuario</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Crear e invitar</source>
        <translation>Create and invite</translation>
    </message>
    <message>
        <source>Correo</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Apellidos</source>
        <translation>Last name</translation>
    </message>
    <message>
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Puesto</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Cajero, gerente…</source>
        <translation>Cashier, manager…</translation>
    </message>
    <message>
        <source>Agregarlo a este equipo con el rol</source>
        <translation>Add them to this team with the role</translation>
    </message>
    <message>
        <source>Rol en el equipo</source>
        <translation>Team role</translation>
    </message>
    <message>
        <source>&amp;Correo</source>
        <translation>&amp;Email</translation>
    </message>
    <message>
        <source>&amp;Nombre</source>
        <translation>&amp;First name</translation>
    </message>
    <message>
        <source>&amp;Apellidos</source>
        <translation>&amp;Last name</translation>
    </message>
    <message>
        <source>&amp;Teléfono</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>&amp;Puesto</source>
        <translation>&amp;Job</translation>
    </message>
    <message>
        <source>Escribe el correo: ahí le llega la invitación.</source>
        <translation type="vanished">Type the email address: the invitation goes there.</translation>
    </message>
    <message>
        <source>Revisa el correo.</source>
        <translation type="vanished">Check the email address.</translation>
    </message>
    <message>
        <source>No hay cambios que guardar.</source>
        <translation>There are no changes to save.</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Usuarios</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Buscar usuarios</source>
        <translation>Search users</translation>
    </message>
    <message>
        <source>Buscar por nombre o correo… (Ctrl+F)</source>
        <translation>Search by name or email… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Nuevo usuario…</source>
        <translation>New user…</translation>
    </message>
    <message>
        <source>Crea el usuario y le envía una invitación</source>
        <translation>Creates the user and sends them an invitation</translation>
    </message>
    <message>
        <source>Editar…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Restablecer contraseña…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>Le envía un correo para elegir otra contraseña</source>
        <translation>Sends them an email to choose a new password</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Correo</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Rol</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Alta</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Puesto</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Equipos</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>Último acceso</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Elige un usuario para ver su detalle.</source>
        <translation>Choose a user to see their details.</translation>
    </message>
    <message>
        <source>Nunca o sin dato</source>
        <translation>Never or unknown</translation>
    </message>
    <message>
        <source>crear un usuario</source>
        <translation>creating a user</translation>
    </message>
    <message>
        <source> Se le envió la invitación.</source>
        <translation> The invitation was sent.</translation>
    </message>
    <message>
        <source>Usuario {0} creado.</source>
        <translation>User {0} created.</translation>
    </message>
    <message>
        <source>crear el usuario</source>
        <translation>create the user</translation>
    </message>
    <message>
        <source>Elige un usuario primero.</source>
        <translation>Choose a user first.</translation>
    </message>
    <message>
        <source>editar un usuario</source>
        <translation>editing a user</translation>
    </message>
    <message>
        <source>Usuario actualizado.</source>
        <translation>User updated.</translation>
    </message>
    <message>
        <source>guardar el usuario</source>
        <translation>save the user</translation>
    </message>
    <message>
        <source>Elige un usuario con correo.</source>
        <translation>Choose a user with an email address.</translation>
    </message>
    <message>
        <source>restablecer la contraseña</source>
        <translation>resetting the password</translation>
    </message>
    <message>
        <source>enviar el correo para restablecer la contraseña</source>
        <translation>send the password reset email</translation>
    </message>
    <message>
        <source>Se envió a {0} un correo para restablecer la contraseña.</source>
        <translation>A password reset email was sent to {0}.</translation>
    </message>
    <message>
        <source>Restablecer contraseña</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>¿Enviar a {0} un correo para elegir otra contraseña?</source>
        <translation>Send {0} an email to choose a new password?</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Mostrador ya está abierto en este equipo con la misma carpeta de datos.
Busca su ventana en la barra de tareas.</source>
        <translation>Mostrador is already open on this computer with the same data folder.
Look for its window in the taskbar.</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>Sin conexión con gigstack. Intenta de nuevo cuando vuelva la conexión.</source>
        <translation>No connection to gigstack. Try again when the connection is back.</translation>
    </message>
    <message>
        <source>Mostrador se está cerrando; la operación no se hizo.</source>
        <translation>Mostrador is closing; the operation was not done.</translation>
    </message>
    <message>
        <source>gigstack hizo la operación, pero no se pudo guardar en este equipo: {reason}. Se verá al actualizar.</source>
        <translation>gigstack did it, but it could not be saved on this computer: {reason}. It will show after the next refresh.</translation>
    </message>
    <message>
        <source>la base de datos es de solo lectura (revisa los permisos de la carpeta)</source>
        <translation>the database is read-only (check the folder&apos;s permissions)</translation>
    </message>
    <message>
        <source>el disco está lleno</source>
        <translation>the disk is full</translation>
    </message>
    <message>
        <source>la base de datos está ocupada por otro programa</source>
        <translation>the database is busy with another program</translation>
    </message>
    <message>
        <source>la base de datos está dañada</source>
        <translation>the database is damaged</translation>
    </message>
    <message>
        <source>error de la base de datos ({kind})</source>
        <translation>database error ({kind})</translation>
    </message>
    <message>
        <source>gigstack rechazó la clave de API ({status}).</source>
        <translation>gigstack rejected the API key ({status}).</translation>
    </message>
    <message>
        <source>gigstack no pudo responder ({status}). Intenta de nuevo en un momento.</source>
        <translation>gigstack could not answer ({status}). Try again in a moment.</translation>
    </message>
    <message>
        <source>Datos inválidos: {reason}</source>
        <translation>Invalid data: {reason}</translation>
    </message>
    <message>
        <source>gigstack no aceptó la operación: {reason}</source>
        <translation>gigstack did not accept the operation: {reason}</translation>
    </message>
    <message>
        <source>No se pudo usar la base de datos: {reason}.</source>
        <translation>The database could not be used: {reason}.</translation>
    </message>
    <message>
        <source>Error inesperado: {kind}</source>
        <translation>Unexpected error: {kind}</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Imprimir ticket</source>
        <translation type="vanished">Print receipt</translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <source> — modo demo</source>
        <extracomment>True on the step before the first page is built (`run_gui` warms its imports then).</extracomment>
        <translation type="obsolete"> — demo mode</translation>
    </message>
</context>
</TS>
